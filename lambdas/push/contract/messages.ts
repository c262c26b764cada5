import * as z from 'zod/mini';
import type { OrderViewAnswer } from '../../orders/contract';

/**
 * The push protocol, as a client sees it. A client sends `{ "action": "subscribe", "orderId": "..." }`;
 * the service answers `subscribed` (or an `error`), then an `order.updated` with the order's view as it
 * is now and one on every change after, in version order (an `order.updated` may come before the
 * `subscribed` when the order changes at that very moment).
 */
export const subscribeMessageSchema = z.strictObject({
  action: z.literal('subscribe'),
  orderId: z.string(),
});
export type SubscribeMessage = z.infer<typeof subscribeMessageSchema>;

/**
 * Why a message was refused. Another customer's order is `order-not-found`, exactly as one that does not
 * exist: a client learns nothing about orders that are not its own.
 */
export const PUSH_ERRORS = {
  'bad-request': 'The message is not one this API takes: send {"action":"subscribe","orderId":"<id>"}.',
  'order-not-found': 'No such order of yours.',
  'too-many-subscriptions': 'This connection watches as many orders as it may.',
  unavailable: 'Orders cannot be looked up right now; subscribe again shortly.',
} as const;
export type PushError = keyof typeof PUSH_ERRORS;

export type PushMessage =
  | { readonly type: 'order.updated'; readonly data: OrderViewAnswer }
  | { readonly type: 'subscribed'; readonly orderId: string }
  | {
      readonly type: 'error';
      readonly error: PushError;
      readonly message: string;
      readonly orderId?: string;
    };

export const orderUpdated = (view: OrderViewAnswer): PushMessage => ({ type: 'order.updated', data: view });
export const subscribed = (orderId: string): PushMessage => ({ type: 'subscribed', orderId });
export const refused = (error: PushError, orderId?: string): PushMessage => ({
  type: 'error',
  error,
  message: PUSH_ERRORS[error],
  ...(orderId === undefined ? {} : { orderId }),
});
