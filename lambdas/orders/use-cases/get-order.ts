import { NotFoundError } from '../../shared/errors';
import { type Order, rehydrate } from '../domain/order';
import type { EventStore } from '../ports/event-store';
import { toOrderEvent } from './order-stream';

/** Rebuilds an order by replaying its stream (until the CQRS read model lands, this is the read path). */
export async function getOrder(deps: { readonly eventStore: EventStore }, orderId: string): Promise<Order> {
  const stored = await deps.eventStore.load(orderId);
  const order = rehydrate(stored.map(toOrderEvent));
  if (order === undefined) throw new NotFoundError(`Order ${orderId} does not exist.`);
  return order;
}
