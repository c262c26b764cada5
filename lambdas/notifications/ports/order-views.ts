import type { OrderViewAnswer } from '../../orders/contract';

/** The order as the orders service shows it, as of an instant (its event store: never behind). */
export interface OrderViewsAsOf {
  viewAsOf(orderId: string, asOf: string, correlationId: string): Promise<OrderViewAnswer>;
}
