import { httpHandler, type ProxyHandler } from '../../shared/http/http-handler';
import { parseAsOf } from '../schemas/as-of';
import { orderIdOrNotFound } from '../schemas/order-id';
import { getOrder, getOrderAsOf, type OrderQueryDeps } from '../use-cases/get-order';

/**
 * `GET /orders/{orderId}`: the read model (eventually consistent; `version` tells a client whether the
 * change it waits for has landed). `?asOf=<ISO-8601>`: the order as it was then, from the event store.
 */
export function getOrderHandler(deps: OrderQueryDeps): ProxyHandler {
  return httpHandler(async (request) => {
    const orderId = orderIdOrNotFound(request.pathParameter('orderId'));
    const asOf = request.queryParameter('asOf');
    const view =
      asOf === undefined ? await getOrder(deps, orderId) : await getOrderAsOf(deps, orderId, parseAsOf(asOf));
    return { status: 200, body: view, headers: { ETag: `W/"${view.version}"` } };
  });
}
