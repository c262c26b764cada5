import { httpHandler, type ProxyHandler } from '../../shared/http/http-handler';
import { encodeCursor, pageRequest } from '../../shared/http/pagination';
import { orderIdOrNotFound } from '../schemas/order-id';
import { historyCursorSchema } from '../schemas/page-cursors';
import { getOrderHistory, type OrderQueryDeps } from '../use-cases/get-order';

/** `GET /orders/{orderId}/history`: the order's events, oldest first, in pages with an opaque cursor. */
export function getOrderHistoryHandler(deps: Pick<OrderQueryDeps, 'eventStore'>): ProxyHandler {
  return httpHandler(async (request) => {
    const orderId = orderIdOrNotFound(request.pathParameter('orderId'));
    const { limit, cursor } = pageRequest(request, historyCursorSchema(orderId));
    const page = await getOrderHistory(deps, orderId, cursor?.v ?? 0, limit);
    const nextCursor =
      page.nextAfterVersion === undefined
        ? {}
        : { nextCursor: encodeCursor({ o: orderId, v: page.nextAfterVersion }) };
    return { status: 200, body: { items: page.items, ...nextCursor } };
  });
}
