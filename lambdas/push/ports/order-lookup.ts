import type { OrderViewAnswer } from '../../orders/contract';
import type { Trace } from '../../shared/http/internal-api-client';

/** The orders service's view of an order (its internal API), or undefined when there is no such order. */
export interface OrderLookup {
  order(orderId: string, trace: Trace): Promise<OrderViewAnswer | undefined>;
}
