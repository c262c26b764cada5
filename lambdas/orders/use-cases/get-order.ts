import { NotFoundError } from '../../shared/errors';
import { type OrderEvent, rehydrate } from '../domain/order';
import { type OrderView, toOrderView } from '../domain/order-view';
import type { EventStore } from '../ports/event-store';
import type { CustomerOrdersPage, CustomerOrdersPosition, OrderViews } from '../ports/order-views';
import type { OrderRepository } from './order-repository';
import { toOrderEvent } from './order-stream';

export interface OrderQueryDeps {
  readonly views: OrderViews;
  readonly orders: OrderRepository;
  readonly eventStore: EventStore;
}

/**
 * The current order from the read model. The projection trails the event store by a moment, so an order
 * accepted a moment ago may not be projected yet: rather than a 404 for an order the client was just told
 * exists, that miss is answered from the event store (read-your-writes), with the order as it was
 * accepted (its first event) and not as it is now. The event store may already hold later events that
 * the read model has not caught up with: answering them would let the next poll, served by the view,
 * see the version go back. Every view is at least the accepted order, so versions never decrease.
 * An id in neither is unknown.
 */
export async function getOrder(deps: OrderQueryDeps, orderId: string): Promise<OrderView> {
  const view = await deps.views.get(orderId);
  if (view !== undefined) return view;
  const accepted = rehydrate((await deps.eventStore.page(orderId, 0, 1)).events.map(toOrderEvent));
  if (accepted === undefined) throw new NotFoundError(`Order ${orderId} does not exist.`);
  return toOrderView(accepted);
}

/** The order as it was at `asOf`, rebuilt from the event store (snapshot before it plus the events up to it). */
export async function getOrderAsOf(deps: OrderQueryDeps, orderId: string, asOf: string): Promise<OrderView> {
  const { state } = await deps.orders.load(orderId, asOf);
  if (state === undefined) throw new NotFoundError(`Order ${orderId} did not exist at ${asOf}.`);
  return toOrderView(state);
}

export interface HistoryEntry {
  readonly type: string;
  readonly version: number;
  readonly occurredAt: string;
  readonly data: unknown;
}

export interface HistoryPage {
  readonly items: HistoryEntry[];
  /** The version to continue after, absent on the last page. */
  readonly nextAfterVersion?: number;
}

/** The order's events, oldest first, upcast to their current schema, without what clients must not see. */
export async function getOrderHistory(
  deps: Pick<OrderQueryDeps, 'eventStore'>,
  orderId: string,
  afterVersion: number,
  limit: number,
): Promise<HistoryPage> {
  const page = await deps.eventStore.page(orderId, afterVersion, limit);
  if (afterVersion === 0 && page.events.length === 0)
    throw new NotFoundError(`Order ${orderId} does not exist.`);
  const items = page.events.map((stored) => toHistoryEntry(toOrderEvent(stored)));
  const last = items.at(-1);
  return page.hasMore && last !== undefined ? { items, nextAfterVersion: last.version } : { items };
}

function toHistoryEntry(event: OrderEvent): HistoryEntry {
  const base = { type: event.type, version: event.version, occurredAt: event.occurredAt };
  if (event.type !== 'OrderPlaced') return { ...base, data: event.data };
  // The payment token is for the payment service only; it never leaves the backend.
  const { paymentToken: _, ...visible } = event.data;
  return { ...base, data: visible };
}

export function listCustomerOrders(
  deps: Pick<OrderQueryDeps, 'views'>,
  customerId: string,
  limit: number,
  after?: CustomerOrdersPosition,
): Promise<CustomerOrdersPage> {
  return deps.views.listByCustomer(customerId, limit, after);
}
