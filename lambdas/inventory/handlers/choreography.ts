import {
  type CompensationCause,
  FULFILMENT_FAILED,
  ORDERS_EVENTS,
  type OrderPlacedData,
} from '../../orders/contract';
import { PAYMENTS_EVENTS, type PaymentDeclinedData, type PaymentRefundedData } from '../../payments/contract';
import { stepOf } from '../../shared/choreography/consumed-event';
import {
  type EventConsumerOptions,
  eventConsumer,
  type Reaction,
} from '../../shared/choreography/event-consumer';
import { OutOfStock } from '../domain/stock';
import type { InventoryStore } from '../ports/inventory-store';

/** The producers whose events this consumer reads (their contracts: every version they ever published). */
export const INVENTORY_CONSUMES = [ORDERS_EVENTS, PAYMENTS_EVENTS];

/**
 * Inventory in the choreographed saga: the same reservation and release the orchestrated saga's steps run
 * (the store's, idempotent by order), reacting to events instead of being invoked. A placed order is
 * reserved (or refused: InventoryOutOfStock, recorded); a declined or refunded payment gives the stock
 * back, carrying the cause on to orders.
 */
export function inventoryReactions(deps: { readonly inventory: InventoryStore }): Record<string, Reaction> {
  const release = async (orderId: string, cause: CompensationCause, event: Parameters<Reaction>[0]) => {
    const released = await deps.inventory.release(orderId, stepOf(event, cause));
    return released?.status === 'RELEASED'
      ? 'released'
      : `nothing to release (${released?.status ?? 'none'})`;
  };
  return {
    OrderPlaced: async (event) => {
      const { orderId, items } = event.data as OrderPlacedData;
      try {
        await deps.inventory.reserve(orderId, items, stepOf(event));
        return 'reserved';
      } catch (error) {
        if (error instanceof OutOfStock) return 'out of stock';
        throw error;
      }
    },
    PaymentDeclined: (event) =>
      release((event.data as PaymentDeclinedData).orderId, 'PAYMENT_DECLINED', event),
    PaymentRefunded: (event) => {
      const { orderId, cause } = event.data as PaymentRefundedData;
      return release(orderId, cause ?? FULFILMENT_FAILED, event);
    },
  };
}

export function inventoryConsumer(
  deps: { readonly inventory: InventoryStore },
  idempotency: EventConsumerOptions['idempotency'],
) {
  return eventConsumer({
    producers: INVENTORY_CONSUMES,
    reactions: inventoryReactions(deps),
    idempotency,
  });
}
