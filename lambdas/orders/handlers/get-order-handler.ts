import { NotFoundError } from '../../shared/errors';
import { httpHandler, type ProxyHandler } from '../../shared/http/http-handler';
import type { Order } from '../domain/order';
import type { EventStore } from '../ports/event-store';
import { getOrder } from '../use-cases/get-order';

// Order ids are UUIDs we mint; anything else cannot exist, so it is a 404 without a database call.
const ORDER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `GET /orders/{orderId}`: the order as the public contract shows it. */
export function getOrderHandler(deps: { readonly eventStore: EventStore }): ProxyHandler {
  return httpHandler(async (request) => {
    const orderId = request.pathParameter('orderId') ?? '';
    if (!ORDER_ID.test(orderId)) throw new NotFoundError(`Order ${orderId} does not exist.`);
    return { status: 200, body: toOrderView(await getOrder(deps, orderId)) };
  });
}

/** The public representation: no payment token, no internal saga settings. */
export function toOrderView(order: Order) {
  return {
    orderId: order.orderId,
    customerId: order.customerId,
    status: order.status,
    items: order.items,
    total: order.total,
    version: order.version,
    ...(order.rejectionReason === undefined ? {} : { rejectionReason: order.rejectionReason }),
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
  };
}
