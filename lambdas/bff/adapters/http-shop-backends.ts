import type * as z from 'zod/mini';
import { CUSTOMERS_INTERNAL_ROUTES, customerProfileSchema } from '../../customers/contract';
import { ORDERS_INTERNAL_ROUTES, orderViewSchema, type PlaceOrderRequest } from '../../orders/contract';
import { PAYMENTS_INTERNAL_ROUTES, paymentViewSchema } from '../../payments/contract';
import { IDEMPOTENCY_KEY_HEADER } from '../../shared/http/idempotency-key';
import type { InternalApiClient } from '../../shared/http/internal-api-client';
import { SHIPPING_INTERNAL_ROUTES, shipmentViewSchema } from '../../shipping/contract';
import type { PageRequest, ShopBackends, Trace } from '../ports/shop-backends';

export interface InternalApis {
  readonly orders: InternalApiClient;
  readonly customers: InternalApiClient;
  readonly payments: InternalApiClient;
  readonly shipping: InternalApiClient;
}

/** A route's path with its parameters filled in (each encoded as one path segment). */
function pathOf(template: string, parameters: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(parameters[name] ?? ''));
}

/** The shop's services through their internal APIs, at the routes their contracts name. */
export function httpShopBackends(apis: InternalApis): ShopBackends {
  const { getOrder, listCustomerOrders, placeOrder, cancelOrder } = ORDERS_INTERNAL_ROUTES;
  // A record read by its id at a route with that one path parameter: undefined when the service says 404.
  const reader =
    <T>(client: InternalApiClient, path: string, parameter: string, schema: z.ZodMiniType<T>) =>
    (id: string, trace: Trace, signal?: AbortSignal) =>
      client.read(pathOf(path, { [parameter]: id }), schema, trace, signal);
  return {
    order: reader(apis.orders, getOrder.path, 'orderId', orderViewSchema),
    customer: reader(
      apis.customers,
      CUSTOMERS_INTERNAL_ROUTES.getCustomer.path,
      'customerId',
      customerProfileSchema,
    ),
    payment: reader(apis.payments, PAYMENTS_INTERNAL_ROUTES.getPayment.path, 'orderId', paymentViewSchema),
    shipment: reader(apis.shipping, SHIPPING_INTERNAL_ROUTES.getShipment.path, 'orderId', shipmentViewSchema),
    customerOrders: (customerId: string, page: PageRequest, trace: Trace) => {
      const query = new URLSearchParams();
      if (page.limit !== undefined) query.set('limit', page.limit);
      if (page.cursor !== undefined) query.set('cursor', page.cursor);
      const search = query.size > 0 ? `?${query}` : '';
      return apis.orders.relay(
        listCustomerOrders.method,
        `${pathOf(listCustomerOrders.path, { customerId })}${search}`,
        trace,
      );
    },
    placeOrder: (order: PlaceOrderRequest, idempotencyKey: string, trace: Trace) =>
      apis.orders.relay(placeOrder.method, placeOrder.path, trace, {
        body: order,
        headers: { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey },
      }),
    cancelOrder: (orderId: string, body: unknown, trace: Trace) =>
      apis.orders.relay(cancelOrder.method, pathOf(cancelOrder.path, { orderId }), trace, { body }),
  };
}
