import * as z from 'zod/mini';
import { placeOrderRequestSchema } from '../../orders/contract';

/**
 * The apps' backends' contract: the routes both BFFs serve, the user attribute that names the customer a
 * signed-in user acts as, and the body of `POST /me/orders`. Imported by lib/ (the APIs, the user pool)
 * and by the BFF functions.
 */
export const BFF_ROUTES = {
  listMyOrders: { method: 'GET', path: '/me/orders' },
  getMyOrder: { method: 'GET', path: '/me/orders/{orderId}' },
  placeMyOrder: { method: 'POST', path: '/me/orders' },
  cancelMyOrder: { method: 'POST', path: '/me/orders/{orderId}/cancel' },
} as const;

/** The user pool's custom attribute (`custom:customerId` in a token) naming the user's customer. */
export const CUSTOMER_ID_ATTRIBUTE = 'customerId';
export const CUSTOMER_ID_CLAIM = `custom:${CUSTOMER_ID_ATTRIBUTE}`;

/** `POST /me/orders`: what `POST /orders` takes, but the customer, who is the signed-in user's. */
export const myOrderRequestSchema = z.omit(placeOrderRequestSchema, { customerId: true });
export type MyOrderRequest = z.infer<typeof myOrderRequestSchema>;

/** The apps a BFF serves; each shapes the same composed order its own way. */
export type App = 'web' | 'mobile';

/** The internal APIs the BFFs call, each a backend with its own breaker and timeout. */
export const BACKENDS = ['orders', 'customers', 'payments', 'shipping'] as const;
export type Backend = (typeof BACKENDS)[number];

/** The environment variable of each backend's internal API base URL, set by lib/ and read by the functions. */
export const BACKEND_URL_ENV = {
  orders: 'ORDERS_API_URL',
  customers: 'CUSTOMERS_API_URL',
  payments: 'PAYMENTS_API_URL',
  shipping: 'SHIPPING_API_URL',
} as const satisfies Record<Backend, string>;

/** Each backend's circuit breaker, shared by both apps: its name in the breaker table and in metrics. */
export const backendBreaker = (backend: Backend) => `bff-${backend}`;
