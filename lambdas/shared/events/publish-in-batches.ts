import { type Backoff, backOff, realTime } from '../resilience/backoff';
import { type DomainEvent, type DomainEventBus, MAX_ENTRIES_PER_PUT } from './domain-event-bus';

/** Attempts per batch of entries (each retry sends only the refused entries), with full-jitter backoff. */
export const DEFAULT_PUBLISH_RETRY: Backoff = {
  maxAttempts: 3,
  baseDelayMs: 50,
  maxDelayMs: 1_000,
  ...realTime,
};

export interface PublishResult {
  /** Indexes into the input of the events still refused after every attempt, ascending. */
  readonly failed: readonly number[];
  /** The bus's error code for the first of them. */
  readonly errorCode?: string;
  readonly requests: number;
}

/**
 * Publishes events ten per request, in order, retrying only the entries a partial failure refused (with
 * full-jitter backoff). An entry that still fails does not stop the rest: everything publishable is
 * published, and the caller redelivers from the first failure (a few duplicates, which consumers drop by
 * event id, rather than good events stuck behind a bad one and discarded with it).
 */
export async function publishInBatches(
  bus: DomainEventBus,
  events: readonly DomainEvent[],
  retry: Backoff = DEFAULT_PUBLISH_RETRY,
): Promise<PublishResult> {
  let requests = 0;
  const failed: number[] = [];
  let errorCode: string | undefined;
  for (let start = 0; start < events.length; start += MAX_ENTRIES_PER_PUT) {
    let pending = range(start, Math.min(start + MAX_ENTRIES_PER_PUT, events.length));
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > 1) await backOff(retry, attempt - 1);
      requests++;
      const outcome = await put(
        bus,
        pending.map((index) => events[index] as DomainEvent),
      );
      const refused = pending.filter((_, position) => outcome[position] !== undefined);
      if (refused.length > 0 && attempt >= retry.maxAttempts) {
        errorCode ??= outcome.find((code) => code !== undefined);
        failed.push(...refused);
        break;
      }
      pending = refused;
    }
  }
  return errorCode === undefined ? { failed, requests } : { failed, errorCode, requests };
}

/** A request that fails as a whole (network, throttling beyond the SDK's retries) refuses every entry. */
async function put(
  bus: DomainEventBus,
  events: readonly DomainEvent[],
): Promise<ReadonlyArray<string | undefined>> {
  try {
    return await bus.put(events);
  } catch (error) {
    return events.map(() => (error instanceof Error ? error.name : 'PutFailed'));
  }
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, offset) => from + offset);
}
