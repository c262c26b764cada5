import { callbackSecretFor } from '../../orders/contract';
import { CALLBACK_TYPES, type CallbackAttempt } from '../contract';
import { callbackBody, retryDelaySeconds, verdictOf } from '../domain/callback';
import { signedWebhookHeaders } from '../domain/signed-webhook';
import type { CallbackRegistry, FinalEventRef } from '../ports/callback-registry';
import type { OrderViewsAsOf } from '../ports/order-views';
import type { WebhookSender } from '../ports/webhook-sender';

export interface DeliveryDeps {
  readonly registry: CallbackRegistry;
  readonly orders: OrderViewsAsOf;
  readonly sender: WebhookSender;
  /** The stage's callback signing key, from which the order's secret is derived. */
  readonly signingKey: () => Promise<string>;
  /** Seconds to wait after each failed attempt; its length + 1 is the number of attempts. */
  readonly retrySchedule: readonly number[];
  readonly now: () => Date;
  readonly random?: () => number;
}

/** One attempt's record, and when to try again if it should be (seconds). */
export interface AttemptResult {
  readonly attempt: CallbackAttempt;
  readonly retryInSeconds?: number;
}

/**
 * One signed delivery of an order's final status to its callback URL, recorded whatever came of it: the
 * body is the order as of the event (read from the orders service's event store, so never behind the
 * event and never ahead of it), numbered after this `webhook-id`'s `earlierAttempts`. A 410 stops
 * every later delivery to that URL.
 */
export async function attemptDelivery(
  deps: DeliveryDeps,
  orderId: string,
  url: string,
  event: FinalEventRef,
  earlierAttempts: number,
): Promise<AttemptResult> {
  const number = earlierAttempts + 1;
  const view = await deps.orders.viewAsOf(orderId, event.occurredAt, event.correlationId);
  const body = JSON.stringify(callbackBody(event.type, event.occurredAt, view));
  const secret = callbackSecretFor(await deps.signingKey(), orderId);
  const at = deps.now();
  const outcome = await deps.sender.send({
    url,
    headers: signedWebhookHeaders(secret, event.eventId, at, body),
    body,
  });
  const verdict = verdictOf(outcome);
  const retryInSeconds =
    verdict === 'retry' ? retryDelaySeconds(deps.retrySchedule, number, deps.random) : undefined;
  const attempt: CallbackAttempt = {
    webhookId: event.eventId,
    type: CALLBACK_TYPES[event.type],
    attempt: number,
    at: at.toISOString(),
    url,
    ...(outcome.status === undefined ? {} : { status: outcome.status }),
    ...(outcome.error === undefined ? {} : { error: outcome.error }),
    durationMs: outcome.durationMs,
    outcome:
      verdict === 'delivered'
        ? 'delivered'
        : verdict === 'gone'
          ? 'gone'
          : retryInSeconds === undefined
            ? 'failed'
            : 'retrying',
  };
  await deps.registry.recordAttempt(orderId, attempt);
  if (verdict === 'gone') await deps.registry.markGone(url);
  return retryInSeconds === undefined ? { attempt } : { attempt, retryInSeconds };
}

/** How many times this event's callback was attempted already (its `webhook-id`'s recorded attempts). */
export async function attemptsOf(deps: DeliveryDeps, orderId: string, event: FinalEventRef): Promise<number> {
  return (await deps.registry.attempts(orderId)).filter((a) => a.webhookId === event.eventId).length;
}
