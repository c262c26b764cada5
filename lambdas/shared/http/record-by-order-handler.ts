import { NotFoundError } from '../errors';
import { httpHandler, type ProxyHandler } from './http-handler';
import { pathIdOrNotFound } from './path-id';

export interface RecordByOrder<T> {
  /** The record, or undefined while the order has none. */
  get(orderId: string): Promise<T | undefined>;
}

export interface RecordByOrderRoute<T> {
  readonly records: RecordByOrder<T>;
  /** Names the record in a 404's detail: "Order <id> has no <what>." */
  readonly what: string;
  /** The form of the ids the orders service mints (its contract's `ORDER_ID`). */
  readonly orderId: RegExp;
  /** What another service may read of the record. */
  readonly view: (record: T) => unknown;
}

/**
 * `GET /<records>/{orderId}` of a service that keeps one record per order (a payment, a shipment): its
 * view, or 404 when the order has none yet (or the id is not one the orders service could have minted).
 */
export function recordByOrderHandler<T>(route: RecordByOrderRoute<T>): ProxyHandler {
  const notFound = (orderId: string) => `Order ${orderId} has no ${route.what}.`;
  return httpHandler(async (request) => {
    const orderId = pathIdOrNotFound(request.pathParameter('orderId'), route.orderId, notFound);
    const record = await route.records.get(orderId);
    if (record === undefined) throw new NotFoundError(notFound(orderId));
    return { status: 200, body: route.view(record) };
  });
}
