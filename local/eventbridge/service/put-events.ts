import type { RoutedEvent } from '../events/envelope';
import { type EntryContext, type PutEventsEntry, validateEntry } from '../events/validate-entry';
import { isRecord } from '../model/properties';
import { validation } from './request';

/** PutEvents takes 1 to 10 entries per call. */
const MAX_ENTRIES = 10;

export interface PutEventsResult {
  readonly FailedEntryCount: number;
  readonly Entries: ReadonlyArray<{ EventId: string } | { ErrorCode: string; ErrorMessage: string }>;
}

/**
 * PutEvents: the request fails as a whole only when the entry list is malformed; otherwise each entry
 * succeeds (an EventId, and it is routed) or fails on its own (ErrorCode / ErrorMessage), in order.
 */
export function putEvents(
  input: Record<string, unknown>,
  context: EntryContext,
  route: (event: RoutedEvent) => void,
): PutEventsResult {
  const entries = input.Entries;
  if (!Array.isArray(entries)) {
    throw validation("Value null at 'entries' failed to satisfy constraint: Member must not be null");
  }
  if (entries.length < 1 || entries.length > MAX_ENTRIES) {
    throw validation(
      `Value at 'entries' failed to satisfy constraint: Member must have length ${
        entries.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_ENTRIES}`
      }`,
    );
  }
  const results: Array<PutEventsResult['Entries'][number]> = [];
  const accepted: RoutedEvent[] = [];
  for (const entry of entries) {
    const outcome = validateEntry(isRecord(entry) ? (entry as PutEventsEntry) : {}, context);
    if (outcome.ok) {
      results.push({ EventId: outcome.envelope.id });
      accepted.push({
        envelope: outcome.envelope,
        eventBusName: outcome.eventBusName,
        ingestedAt: context.now(),
        hops: 0,
      });
    } else {
      results.push({ ErrorCode: outcome.errorCode, ErrorMessage: outcome.errorMessage });
    }
  }
  for (const event of accepted) route(event);
  return { FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length, Entries: results };
}
