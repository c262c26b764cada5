import type { OrderPlacedData } from '../../orders/contract';
import type { ConsumedEvent } from '../../shared/choreography/consumed-event';
import { UnreadableEvent } from '../../shared/choreography/consumed-event';
import { type Reaction, RetryLater } from '../../shared/choreography/event-consumer';
import { CALLBACK_TYPES, type FinalOrderEvent } from '../contract';
import { retryDelaySeconds } from '../domain/callback';
import type { FinalEventRef } from '../ports/callback-registry';
import { attemptDelivery, attemptsOf, type DeliveryDeps } from './deliver-callback';

/**
 * What the notifications service does with the orders' events: `OrderPlaced` registers where the order's
 * callbacks go (or that it has none); each final status is delivered there, fire and forget for the orders
 * service, retried here on the stage's schedule under the same `webhook-id`, then dead-lettered.
 */
export function notificationReactions(deps: DeliveryDeps): Record<string, Reaction> {
  const deliver: Reaction = (event) => deliverFinalStatus(deps, event);
  return {
    OrderPlaced: async (event) => {
      const data = event.data as OrderPlacedData;
      await deps.registry.register({
        orderId: data.orderId,
        ...(data.callbackUrl === undefined ? {} : { callbackUrl: data.callbackUrl }),
      });
      return data.callbackUrl === undefined ? 'no callbackUrl' : 'callback registered';
    },
    ...Object.fromEntries(Object.keys(CALLBACK_TYPES).map((type) => [type, deliver])),
  };
}

async function deliverFinalStatus(deps: DeliveryDeps, event: ConsumedEvent): Promise<string> {
  const orderId = event.metadata.streamId;
  if (orderId === undefined)
    throw new UnreadableEvent(`${event.type} ${event.metadata.eventId} names no order.`);
  const registration = await deps.registry.registration(orderId);
  // The order's OrderPlaced travels apart from this event and may come second: wait for it.
  if (registration === undefined)
    throw new RetryLater(
      `OrderPlaced of ${orderId} not seen yet`,
      retryDelaySeconds(deps.retrySchedule, 1) ?? 1,
    );
  const url = registration.callbackUrl;
  if (url === undefined) return 'no callbackUrl';
  const ref: FinalEventRef = {
    eventId: event.metadata.eventId,
    type: event.type as FinalOrderEvent,
    occurredAt: event.metadata.occurredAt,
    correlationId: event.metadata.correlationId,
  };
  await deps.registry.rememberFinal(orderId, ref);
  if (await deps.registry.isGone(url)) return 'not sent: the receiver answered 410 before';
  const earlier = await attemptsOf(deps, orderId, ref);
  // Spent (a redelivery after the last attempt): let the queue's maxReceiveCount take it to the DLQ.
  if (earlier > deps.retrySchedule.length) throw new RetryLater('attempts spent', 0);
  const { attempt, retryInSeconds } = await attemptDelivery(deps, orderId, url, ref, earlier);
  if (attempt.outcome === 'delivered' || attempt.outcome === 'gone') return attempt.outcome;
  const answer = attempt.status === undefined ? attempt.error : `HTTP ${attempt.status}`;
  // The last attempt: straight back to the queue, whose next receives find the attempts spent (above).
  if (retryInSeconds === undefined)
    throw new RetryLater(`callback attempt ${attempt.attempt} failed (${answer}), attempts spent`, 0);
  throw new RetryLater(`callback attempt ${attempt.attempt} failed (${answer})`, retryInSeconds);
}
