import { UnprocessableError } from '../../shared/errors';
import type { PlaceOrderRequest } from '../contract';
import { decide, type Order, rehydrate } from '../domain/order';
import type { CustomerDirectory } from '../ports/customer-directory';
import type { OrderRepository } from './order-repository';
import { toOrderEvent, toStoredEvents } from './order-stream';

export interface PlaceOrderDeps {
  readonly orders: OrderRepository;
  readonly customers: CustomerDirectory;
  readonly now: () => Date;
  readonly newId: () => string;
}

export interface PlaceOrderResult {
  readonly orderId: string;
  readonly status: 'PENDING';
}

/**
 * Accepts an order: a new stream whose first event is `OrderPlaced`. The id is fresh, so there is nothing
 * to load; the write is conditional on the stream not existing, so a colliding id can never overwrite
 * another order (it fails as a conflict). Fulfilment happens later, asynchronously; the caller gets the id
 * to poll.
 *
 * The customer must exist: the customers service is asked first, synchronously, because an order nobody
 * can be billed for should be refused at the door (422), not accepted and rejected by the saga later.
 * Customers are never deleted, so the answer cannot go stale between the check and the append.
 */
export async function placeOrder(
  deps: PlaceOrderDeps,
  request: PlaceOrderRequest,
  trace: { correlationId: string; causationId: string },
): Promise<PlaceOrderResult> {
  if (!(await deps.customers.exists(request.customerId, trace))) {
    throw new UnprocessableError(
      `Customer ${request.customerId} does not exist; create the customer with POST /customers first.`,
    );
  }
  const orderId = deps.newId();
  const events = toStoredEvents(orderId, 0, decide(undefined, { type: 'PlaceOrder', orderId, ...request }), {
    ...trace,
    occurredAt: deps.now().toISOString(),
    newEventId: deps.newId,
  });
  const order = rehydrate(events.map(toOrderEvent)) as Order;
  await deps.orders.append({ state: undefined, snapshotVersion: 0 }, events, order);
  return { orderId, status: 'PENDING' };
}
