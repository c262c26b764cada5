import { INVENTORY_EVENTS, type InventoryReservedData } from '../../inventory/contract';
import { ORDERS_EVENTS, type OrderPlacedData } from '../../orders/contract';
import { stepOf } from '../../shared/choreography/consumed-event';
import {
  type EventConsumerOptions,
  eventConsumer,
  type Reaction,
} from '../../shared/choreography/event-consumer';
import {
  SHIPPING_EVENTS,
  type ShipmentCancelledData,
  type ShippingUnavailableData,
} from '../../shipping/contract';
import { type ChoreographedPaymentsDeps, chargeWhenReady } from '../use-cases/charge-when-ready';
import { refundPayment } from '../use-cases/payments';

/** The producers whose events this consumer reads (their contracts: every version they ever published). */
export const PAYMENTS_CONSUMES = [ORDERS_EVENTS, INVENTORY_EVENTS, SHIPPING_EVENTS];

/**
 * Payments in the choreographed saga: the order is charged once its terms (OrderPlaced) and its amount
 * (InventoryReserved) have both come, in either order; an unserved address or a cancelled shipment settles
 * the payment (refund by the charge's key), carrying the cause on. `chargeAttempts`: deliveries of a
 * charge the provider could not take before it counts as PAYMENT_UNAVAILABLE.
 */
export function paymentsReactions(
  deps: ChoreographedPaymentsDeps,
  chargeAttempts: number,
): Record<string, Reaction> {
  return {
    OrderPlaced: (event) => {
      const { orderId, paymentToken, currency } = event.data as OrderPlacedData;
      return chargeWhenReady(deps, orderId, { paymentToken, currency }, stepOf(event), {
        attempt: event.attempt,
        attempts: chargeAttempts,
      });
    },
    InventoryReserved: (event) => {
      const { orderId, total } = event.data as InventoryReservedData;
      return chargeWhenReady(deps, orderId, { amount: total }, stepOf(event), {
        attempt: event.attempt,
        attempts: chargeAttempts,
      });
    },
    ShippingUnavailable: async (event) => {
      const { orderId } = event.data as ShippingUnavailableData;
      return (await refundPayment(deps, orderId, stepOf(event, 'SHIPPING_UNAVAILABLE'))).status;
    },
    ShipmentCancelled: async (event) => {
      const { orderId, cause } = event.data as ShipmentCancelledData;
      return (await refundPayment(deps, orderId, stepOf(event, cause ?? 'CANCELLED'))).status;
    },
  };
}

export function paymentsConsumer(
  deps: ChoreographedPaymentsDeps,
  settings: { readonly chargeAttempts: number },
  idempotency: EventConsumerOptions['idempotency'],
) {
  return eventConsumer({
    producers: PAYMENTS_CONSUMES,
    reactions: paymentsReactions(deps, settings.chargeAttempts),
    idempotency,
  });
}
