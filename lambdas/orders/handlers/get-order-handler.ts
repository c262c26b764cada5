import { noneMatch, weakEtag } from '../../shared/http/conditional-get';
import { httpHandler, type ProxyHandler } from '../../shared/http/http-handler';
import { PENDING_RETRY_AFTER_SECONDS } from '../contract';
import { parseAsOf } from '../schemas/as-of';
import { orderIdOrNotFound } from '../schemas/order-id';
import { getOrder, getOrderAsOf, type OrderQueryDeps } from '../use-cases/get-order';

/**
 * `GET /orders/{orderId}`: the read model (eventually consistent; `version` tells a client whether the
 * change it waits for has landed). `?asOf=<ISO-8601>`: the order as it was then, from the event store.
 *
 * Polling is one of the four ways a client follows an order (with callbacks, WebSocket push and the
 * apps' views), so it is made cheap: the ETag is the version, `If-None-Match` with it answers a bodiless
 * `304`, and a `PENDING` order says with `Retry-After` when to look again.
 */
export function getOrderHandler(deps: OrderQueryDeps): ProxyHandler {
  return httpHandler(async (request) => {
    const orderId = orderIdOrNotFound(request.pathParameter('orderId'));
    const asOf = request.queryParameter('asOf');
    const view =
      asOf === undefined ? await getOrder(deps, orderId) : await getOrderAsOf(deps, orderId, parseAsOf(asOf));
    const etag = weakEtag(view.version);
    const headers = {
      ETag: etag,
      // A view as of a past time never changes: nothing to wait for.
      ...(asOf === undefined && view.status === 'PENDING'
        ? { 'Retry-After': String(PENDING_RETRY_AFTER_SECONDS) }
        : {}),
    };
    if (!noneMatch(request.header('If-None-Match'), etag)) return { status: 304, headers };
    return { status: 200, body: view, headers };
  });
}
