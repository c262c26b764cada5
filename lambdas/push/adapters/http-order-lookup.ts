import { ORDERS_INTERNAL_ROUTES, orderViewSchema } from '../../orders/contract';
import type { InternalApiClient, Trace } from '../../shared/http/internal-api-client';
import type { OrderLookup } from '../ports/order-lookup';

/** The orders service's `GET /orders/{orderId}` (its internal API, signed): the read model's view. */
export function httpOrderLookup(orders: InternalApiClient): OrderLookup {
  return {
    order: (orderId: string, trace: Trace) =>
      orders.read(
        ORDERS_INTERNAL_ROUTES.getOrder.path.replace('{orderId}', encodeURIComponent(orderId)),
        orderViewSchema,
        trace,
      ),
  };
}
