import * as z from 'zod/mini';
import { CURRENCIES, ORDER_STATUSES, REJECTION_REASONS } from './vocabulary';

/** Order ids are UUIDs the orders service mints: anything else cannot exist. */
export const ORDER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The orders service's internal API (IAM-authorized), for the shop's own apps' backends: the same
 * operations and answers as the public API's, reached with a grant per method instead of a token.
 */
export const ORDERS_INTERNAL_ROUTES = {
  placeOrder: { method: 'POST', path: '/orders' },
  getOrder: { method: 'GET', path: '/orders/{orderId}' },
  cancelOrder: { method: 'POST', path: '/orders/{orderId}/cancel' },
  listCustomerOrders: { method: 'GET', path: '/customers/{customerId}/orders' },
} as const;

/** `GET /orders/{orderId}`: the read model's view of an order, as a caller may rely on it. */
export const orderViewSchema = z.object({
  orderId: z.string(),
  customerId: z.string(),
  status: z.enum(ORDER_STATUSES),
  items: z.array(z.object({ sku: z.string(), quantity: z.number() })),
  total: z.nullable(z.number()),
  currency: z.enum(CURRENCIES),
  version: z.number(),
  rejectionReason: z.optional(z.enum(REJECTION_REASONS)),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type OrderViewAnswer = z.infer<typeof orderViewSchema>;

/**
 * `Retry-After` on a `PENDING` order's `GET /orders/{orderId}`: how soon a poller should ask again. A saga
 * settles in about a second on a warm system; polling faster only costs requests (a `304` is still one).
 */
export const PENDING_RETRY_AFTER_SECONDS = 1;

/** `GET /customers/{customerId}/orders`: a page of a customer's orders, newest first. */
export const orderPageSchema = z.object({
  items: z.array(orderViewSchema),
  nextCursor: z.optional(z.string()),
});
