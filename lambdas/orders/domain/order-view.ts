/**
 * The read side's shape of an order (the public contract of `GET /orders/{orderId}`) and the pure fold that
 * maintains it from events. It is kept apart from the aggregate's `evolve` on purpose: the read model holds
 * only what clients may see (no payment token, no saga settings), and a property test proves that folding
 * events here equals viewing the aggregate rebuilt from the same events.
 */

import type { Currency, OrderItem, OrderStatus, RejectionReason } from '../contract';
import type { Order, OrderEvent } from './order';

export interface OrderView {
  readonly orderId: string;
  readonly customerId: string;
  readonly status: OrderStatus;
  readonly items: readonly OrderItem[];
  readonly total: number | null;
  readonly currency: Currency;
  readonly version: number;
  readonly rejectionReason?: RejectionReason;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What applying one event to a view does: the new view, or why it cannot be applied yet. */
export type ViewStep =
  | { readonly kind: 'applied'; readonly view: OrderView }
  | { readonly kind: 'stale' }
  | { readonly kind: 'gap'; readonly missingFrom: number };

/**
 * Applies one event to the stored view, by version: an event at or below the view's version was already
 * applied (a duplicate or a replay) and changes nothing; an event beyond the next version means earlier
 * ones have not arrived yet, which the caller fills from the event store.
 */
export function applyToView(view: OrderView | undefined, event: OrderEvent): ViewStep {
  const current = view?.version ?? 0;
  if (event.version <= current) return { kind: 'stale' };
  if (event.version !== current + 1) return { kind: 'gap', missingFrom: current + 1 };
  return { kind: 'applied', view: projectView(view, event) };
}

export function projectView(view: OrderView | undefined, event: OrderEvent): OrderView {
  if (event.type === 'OrderPlaced') {
    const { data } = event;
    return {
      orderId: data.orderId,
      customerId: data.customerId,
      status: 'PENDING',
      items: data.items,
      total: null,
      currency: data.currency,
      version: event.version,
      createdAt: event.occurredAt,
      updatedAt: event.occurredAt,
    };
  }
  if (view === undefined)
    throw new RangeError(`${event.type}@${event.version} has no OrderPlaced before it.`);
  const moved = { ...view, version: event.version, updatedAt: event.occurredAt };
  switch (event.type) {
    case 'OrderConfirmed':
      return { ...moved, status: 'CONFIRMED', total: event.data.total };
    case 'OrderRejected':
      return { ...moved, status: 'REJECTED', rejectionReason: event.data.reason };
    case 'OrderCancelled':
      return { ...moved, status: 'CANCELLED' };
    case 'OrderCancellationRequested':
    case 'OrderNoteAdded':
      return moved;
  }
}

/** The public view of a rebuilt aggregate (the `asOf` path and the read-your-write fallback). */
export function toOrderView(order: Order): OrderView {
  return {
    orderId: order.orderId,
    customerId: order.customerId,
    status: order.status,
    items: order.items,
    total: order.total,
    currency: order.currency,
    version: order.version,
    ...(order.rejectionReason === undefined ? {} : { rejectionReason: order.rejectionReason }),
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
  };
}
