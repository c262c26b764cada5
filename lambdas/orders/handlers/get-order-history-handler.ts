import { httpHandler, type ProxyHandler } from '../../shared/http/http-handler';
import { encodeCursor, malformedCursor, pageRequest } from '../../shared/http/pagination';
import { orderIdOrNotFound } from '../schemas/order-id';
import { getOrderHistory, type OrderQueryDeps } from '../use-cases/get-order';

/** `GET /orders/{orderId}/history`: the order's events, oldest first, in pages with an opaque cursor. */
export function getOrderHistoryHandler(deps: Pick<OrderQueryDeps, 'eventStore'>): ProxyHandler {
  return httpHandler(async (request) => {
    const orderId = orderIdOrNotFound(request.pathParameter('orderId'));
    const { limit, cursor } = pageRequest(request);
    const page = await getOrderHistory(deps, orderId, afterVersion(cursor, orderId), limit);
    const nextCursor =
      page.nextAfterVersion === undefined
        ? {}
        : { nextCursor: encodeCursor({ o: orderId, v: page.nextAfterVersion }) };
    return { status: 200, body: { items: page.items, ...nextCursor } };
  });
}

/** A history cursor is the order it belongs to and the last version returned; one for another order is malformed. */
function afterVersion(cursor: Record<string, unknown> | undefined, orderId: string): number {
  if (cursor === undefined) return 0;
  const { o, v } = cursor;
  if (
    o !== orderId ||
    typeof v !== 'number' ||
    !Number.isSafeInteger(v) ||
    v < 1 ||
    Object.keys(cursor).length !== 2
  ) {
    throw malformedCursor();
  }
  return v;
}
