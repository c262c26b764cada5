import { ConflictError, NotFoundError } from '../../shared/errors';
import type { CallbackHistory } from '../contract';
import type { CallbackRegistry } from '../ports/callback-registry';
import { type AttemptResult, attemptDelivery, attemptsOf, type DeliveryDeps } from './deliver-callback';

/** `GET /orders/{orderId}/callbacks`: every attempt, oldest first; an order unknown here is a 404. */
export async function callbackHistory(registry: CallbackRegistry, orderId: string): Promise<CallbackHistory> {
  const registration = await registry.registration(orderId);
  if (registration === undefined) throw new NotFoundError(`No order ${orderId} is known to the callbacks.`);
  return { items: await registry.attempts(orderId) };
}

/**
 * `POST /orders/{orderId}/callbacks/replay` (non-production stages): one more attempt of the order's last
 * final-status callback, now, under its own `webhook-id`, recorded like the others. It does not resume the
 * retries: what comes of it is in its answer and the history.
 */
export async function replayCallback(deps: DeliveryDeps, orderId: string): Promise<AttemptResult['attempt']> {
  const registration = await deps.registry.registration(orderId);
  if (registration === undefined) throw new NotFoundError(`No order ${orderId} is known to the callbacks.`);
  if (registration.callbackUrl === undefined)
    throw new ConflictError(`Order ${orderId} was placed without a callbackUrl.`);
  if (registration.lastFinal === undefined)
    throw new ConflictError(`Order ${orderId} has no final status to call back yet.`);
  if (await deps.registry.isGone(registration.callbackUrl))
    throw new ConflictError(
      `The receiver at ${registration.callbackUrl} answered 410 Gone: nothing more goes there.`,
    );
  const event = registration.lastFinal;
  const earlier = await attemptsOf(deps, orderId, event);
  return (await attemptDelivery(deps, orderId, registration.callbackUrl, event, earlier)).attempt;
}
