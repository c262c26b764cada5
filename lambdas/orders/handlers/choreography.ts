import {
  INVENTORY_EVENTS,
  type InventoryOutOfStockData,
  type InventoryReleasedData,
} from '../../inventory/contract';
import { stepOf } from '../../shared/choreography/consumed-event';
import {
  type EventConsumerOptions,
  eventConsumer,
  type Reaction,
} from '../../shared/choreography/event-consumer';
import { ConflictError } from '../../shared/errors';
import { SHIPPING_EVENTS, type ShipmentScheduledData } from '../../shipping/contract';
import { FULFILMENT_FAILED } from '../contract';
import type { OrderCommand } from '../domain/order';
import { commandContext, executeOrderCommand } from '../use-cases/execute-command';
import type { SagaTaskDeps } from './saga-tasks';

/** The producers whose events this consumer reads (their contracts: every version they ever published). */
export const ORDERS_CONSUMES = [INVENTORY_EVENTS, SHIPPING_EVENTS];

/**
 * Orders in the choreographed saga: how the order ends, from the last event of its chain. A shipment
 * booked confirms it, at the total declared for it (the amount charged); stock refused rejects it
 * OUT_OF_STOCK; stock given back, the last compensation, rejects it with the cause every compensation
 * carried along (or, for a cancellation, cancels it). The same commands the orchestrated saga's
 * ConfirmOrder and RejectOrder steps run; an order decided meanwhile (the stuck-order sweeper rejected it
 * and compensated everything) refuses them, and that is where the chain ends.
 */
export function ordersReactions(deps: SagaTaskDeps): Record<string, Reaction> {
  const decide = async (
    event: Parameters<Reaction>[0],
    orderId: string,
    command: Exclude<OrderCommand, { type: 'PlaceOrder' }>,
  ) => {
    try {
      const { order } = await executeOrderCommand(
        deps.orders,
        orderId,
        command,
        commandContext(deps, stepOf(event)),
      );
      return order.status;
    } catch (error) {
      if (error instanceof ConflictError) return `decided meanwhile: ${error.message}`;
      throw error;
    }
  };
  return {
    ShipmentScheduled: (event) => {
      const { orderId, declaredValue } = event.data as ShipmentScheduledData;
      return decide(event, orderId, { type: 'ConfirmOrder', total: declaredValue.amount });
    },
    InventoryOutOfStock: (event) => {
      const { orderId } = event.data as InventoryOutOfStockData;
      return decide(event, orderId, { type: 'RejectOrder', reason: 'OUT_OF_STOCK' });
    },
    InventoryReleased: (event) => {
      const { orderId, cause } = event.data as InventoryReleasedData;
      if (cause === 'CANCELLED') {
        return decide(event, orderId, { type: 'CancelOrder' });
      }
      return decide(event, orderId, { type: 'RejectOrder', reason: cause ?? FULFILMENT_FAILED });
    },
  };
}

export function ordersConsumer(deps: SagaTaskDeps, idempotency: EventConsumerOptions['idempotency']) {
  return eventConsumer({
    producers: ORDERS_CONSUMES,
    reactions: ordersReactions(deps),
    idempotency,
  });
}
