import { ORDER_ID } from '../../orders/contract';
import type { Trace } from '../../shared/http/internal-api-client';
import { type PushError, refused, subscribed } from '../contract';
import { mayWatch } from '../domain/connection';
import type { OrderLookup } from '../ports/order-lookup';
import { type DeliveryDeps, deliver, reply } from './deliver';

export interface SubscribeDeps extends DeliveryDeps {
  readonly orders: OrderLookup;
}

export interface SubscribeRequest {
  readonly connectionId: string;
  readonly orderId: string;
  readonly trace: Trace;
}

/** How a subscribe request ended, for the log. */
export type SubscribeResult = 'subscribed' | 'gone' | PushError;

/**
 * `subscribe`: a customer watches one of their own orders. Ownership is the orders service's answer
 * (its internal API, signed), checked before anything is written: another customer's order, or one that
 * does not exist, is refused alike and nothing is subscribed. Once subscribed, the order is read again and
 * sent as it is now: a change made between the two reads reached the stream before the subscription
 * existed, and the second read has it.
 */
export async function subscribe(deps: SubscribeDeps, request: SubscribeRequest): Promise<SubscribeResult> {
  const { connectionId, orderId, trace } = request;
  const refuse = async (error: PushError): Promise<SubscribeResult> =>
    (await reply(deps, connectionId, refused(error, orderId))) === 'gone' ? 'gone' : error;

  // What cannot be an order id cannot be an order: refused without a call.
  if (!ORDER_ID.test(orderId)) return refuse('order-not-found');
  const connection = await deps.store.connection(connectionId);
  if (connection === undefined) return 'gone';

  let order: Awaited<ReturnType<OrderLookup['order']>>;
  try {
    order = await deps.orders.order(orderId, trace);
  } catch {
    return refuse('unavailable');
  }
  if (order === undefined || !mayWatch(connection, order)) return refuse('order-not-found');

  const outcome = await deps.store.subscribe(connection, orderId);
  if (outcome === 'no-connection') return 'gone';
  if (outcome === 'too-many') return refuse('too-many-subscriptions');
  if ((await reply(deps, connectionId, subscribed(orderId))) === 'gone') return 'gone';

  // The first read stands in when the second fails: an older view is still in version order.
  const current = (await deps.orders.order(orderId, trace).catch(() => order)) ?? order;
  const delivered = await deliver(deps, { orderId, connectionId }, current, { waitWhileBusy: false });
  return delivered === 'gone' ? 'gone' : 'subscribed';
}
