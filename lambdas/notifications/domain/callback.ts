import { CALLBACK_TYPES, type CallbackType, type FinalOrderEvent } from '../contract';

/**
 * What a delivery attempt's outcome means, by Standard Webhooks: any 2xx is delivered; `410 Gone` says the
 * receiver wants no more (delivery to that URL stops); anything else, including no answer at all, is
 * retried later under the same `webhook-id`. A redirect is not followed: it is a failure like any other.
 */
export type Verdict = 'delivered' | 'gone' | 'retry';

export function verdictOf(outcome: { readonly status?: number }): Verdict {
  if (outcome.status === undefined) return 'retry';
  if (outcome.status >= 200 && outcome.status < 300) return 'delivered';
  if (outcome.status === 410) return 'gone';
  return 'retry';
}

export function isFinalOrderEvent(type: string): type is FinalOrderEvent {
  return Object.hasOwn(CALLBACK_TYPES, type);
}

/** The callback's body (DESIGN.md): its type, when the order got there, and the order as it was then. */
export function callbackBody(event: FinalOrderEvent, occurredAt: string, view: unknown) {
  return { type: CALLBACK_TYPES[event] satisfies CallbackType, timestamp: occurredAt, data: view };
}

/**
 * How long to wait after failed attempt `attempt` (1-based) before the next, or `undefined` when the
 * schedule is spent (the message then goes to the DLQ). Each wait is the schedule's, give or take a fifth
 * at random, so that receivers that failed together are not all retried in the same second.
 */
export function retryDelaySeconds(
  schedule: readonly number[],
  attempt: number,
  random: () => number = Math.random,
): number | undefined {
  const base = schedule[attempt - 1];
  if (base === undefined) return undefined;
  return Math.max(0, Math.round(base * (0.8 + 0.4 * random())));
}
