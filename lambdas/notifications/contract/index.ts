import * as z from 'zod/mini';

/**
 * The notifications service's contract: what the infrastructure and other services may import from it.
 * The service delivers signed callbacks (Standard Webhooks 1.0) of an order's final status to the
 * `callbackUrl` given when it was placed, and keeps every attempt for `GET /orders/{orderId}/callbacks`.
 */

/** The final statuses a callback reports, by the orders service's event that reaches them. */
export const CALLBACK_TYPES = {
  OrderConfirmed: 'order.confirmed',
  OrderRejected: 'order.rejected',
  OrderCancelled: 'order.cancelled',
} as const;
export type FinalOrderEvent = keyof typeof CALLBACK_TYPES;
export type CallbackType = (typeof CALLBACK_TYPES)[FinalOrderEvent];

/** Routes on the public API: the history of an order's callbacks, and (non-production) a redelivery. */
export const CALLBACK_ROUTES = {
  listCallbacks: { method: 'GET', path: '/orders/{orderId}/callbacks' },
  replayCallback: { method: 'POST', path: '/orders/{orderId}/callbacks/replay' },
} as const;

/** One delivery attempt, as `GET /orders/{orderId}/callbacks` lists it (oldest first). */
export const callbackAttemptSchema = z.object({
  webhookId: z.string(),
  type: z.enum(Object.values(CALLBACK_TYPES) as [CallbackType, ...CallbackType[]]),
  /** 1 for the first delivery of this `webhookId`, counting retries and replays. */
  attempt: z.number(),
  at: z.string(),
  url: z.string(),
  /** The receiver's HTTP status, when it answered. */
  status: z.optional(z.number()),
  /** Why there is no status: a timeout, a refused connection, an address the SSRF guard refused. */
  error: z.optional(z.string()),
  durationMs: z.number(),
  outcome: z.enum(['delivered', 'retrying', 'gone', 'failed']),
});
export type CallbackAttempt = z.infer<typeof callbackAttemptSchema>;

export const callbackHistorySchema = z.object({ items: z.array(callbackAttemptSchema) });
export type CallbackHistory = z.infer<typeof callbackHistorySchema>;

/**
 * A receiver's answer is read up to this many bytes and no further: its status is all a delivery needs,
 * and a receiver that streams forever must not hold the function.
 */
export const RESPONSE_BODY_LIMIT_BYTES = 4096;
/** Standard Webhooks' ceiling on waiting for a receiver; a stage may wait less. */
export const MAX_DELIVERY_TIMEOUT_MS = 15_000;

/** The names the service's infrastructure and functions share. */
export const NOTIFICATIONS_ENV = {
  callbacksTable: 'CALLBACKS_TABLE_NAME',
  queueUrl: 'CALLBACK_QUEUE_URL',
  retrySchedule: 'CALLBACK_RETRY_SCHEDULE_SECONDS',
  deliveryTimeout: 'CALLBACK_DELIVERY_TIMEOUT_MS',
  ordersApiUrl: 'ORDERS_API_URL',
} as const;
