import { ORDERS_EVENTS, type OrderEventData, type OrderPlacedData } from '../../orders/contract';
import { PAYMENTS_EVENTS, type PaymentCapturedData } from '../../payments/contract';
import { stepOf } from '../../shared/choreography/consumed-event';
import {
  type EventConsumerOptions,
  eventConsumer,
  type Reaction,
} from '../../shared/choreography/event-consumer';
import { type ChoreographedShippingDeps, shipWhenReady } from '../use-cases/ship-when-ready';

/** The producers whose events this consumer reads (their contracts: every version they ever published). */
export const SHIPPING_CONSUMES = [ORDERS_EVENTS, PAYMENTS_EVENTS];

/**
 * Shipping in the choreographed saga: the order's shipment is booked once its address (OrderPlaced) and
 * its payment (PaymentCaptured) have both come, in either order. A cancellation starts here, whichever
 * style fulfilled the order: the shipment is cancelled first, then payments and inventory follow.
 */
export function shippingReactions(deps: ChoreographedShippingDeps): Record<string, Reaction> {
  return {
    OrderPlaced: (event) => {
      const { orderId, shippingAddress } = event.data as OrderPlacedData;
      return shipWhenReady(deps, orderId, { shippingAddress }, stepOf(event));
    },
    PaymentCaptured: (event) => {
      const { orderId, amount, currency } = event.data as PaymentCapturedData;
      return shipWhenReady(deps, orderId, { declaredValue: { amount, currency } }, stepOf(event));
    },
    OrderCancellationRequested: async (event) => {
      const { orderId } = event.data as Extract<
        OrderEventData,
        { type: 'OrderCancellationRequested' }
      >['data'];
      const shipment = await deps.shipments.cancel(orderId, stepOf(event, 'CANCELLED'));
      return shipment.status;
    },
  };
}

export function shippingConsumer(
  deps: ChoreographedShippingDeps,
  idempotency: EventConsumerOptions['idempotency'],
) {
  return eventConsumer({
    producers: SHIPPING_CONSUMES,
    reactions: shippingReactions(deps),
    idempotency,
  });
}
