import { decide } from '../domain/order';
import type { EventStore } from '../ports/event-store';
import type { PlaceOrderRequest } from '../schemas/place-order-request';
import { toStoredEvents } from './order-stream';

export interface PlaceOrderDeps {
  readonly eventStore: EventStore;
  readonly now: () => Date;
  readonly newId: () => string;
}

export interface PlaceOrderResult {
  readonly orderId: string;
  readonly status: 'PENDING';
}

/**
 * Accepts an order: a new stream whose first event is `OrderPlaced`. The write is conditional on the
 * stream not existing, so a colliding id can never overwrite another order. Fulfilment happens later,
 * asynchronously; the caller gets the id to poll.
 */
export async function placeOrder(
  deps: PlaceOrderDeps,
  request: PlaceOrderRequest,
  trace: { correlationId: string; causationId: string },
): Promise<PlaceOrderResult> {
  const orderId = deps.newId();
  const events = decide(undefined, { type: 'PlaceOrder', orderId, ...request });
  await deps.eventStore.append(
    orderId,
    0,
    toStoredEvents(orderId, 0, events, {
      ...trace,
      occurredAt: deps.now().toISOString(),
      newEventId: deps.newId,
    }),
  );
  return { orderId, status: 'PENDING' };
}
