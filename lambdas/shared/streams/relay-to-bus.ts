import type { DynamoDBRecord } from 'aws-lambda';
import type { DomainEvent, DomainEventBus } from '../events/domain-event-bus';
import { publishInBatches } from '../events/publish-in-batches';
import { logger } from '../logger';
import type { Backoff } from '../resilience/backoff';
import { failedFrom } from './stream-batch';
import type { StreamHandler } from './stream-handler';

/** A stream record read back into the domain event it stands for. */
export interface StreamedDomainEvent {
  readonly record: DynamoDBRecord;
  readonly event: DomainEvent;
}

/** What a relay's reader makes of one batch: the events, and the records that are not one (poison). */
export interface ReadStream {
  readonly events: readonly StreamedDomainEvent[];
  readonly unreadable: readonly DynamoDBRecord[];
}

/**
 * The relay half of a transactional outbox: a table's stream -> the event bus. Orders' EventStore and each
 * service's Outbox table feed one of these, each with its own reader. Publishes every readable record of the
 * batch and reports the first one it could not read or publish, so Lambda redelivers from there; after the
 * mapping's retries that part of the batch goes to the on-failure queue and later records flow again.
 * Nothing readable is held back behind a poison record, so nothing good is discarded with it. Delivery is at
 * least once: consumers key on `metadata.eventId`.
 */
export function relayToBus(
  deps: { readonly bus: DomainEventBus; readonly retry?: Backoff },
  read: (records: readonly DynamoDBRecord[]) => ReadStream,
): StreamHandler {
  return async ({ Records }) => {
    const { events, unreadable } = read(Records);
    const result = await publishInBatches(
      deps.bus,
      events.map(({ event }) => event),
      deps.retry,
    );
    const failed = new Set<DynamoDBRecord>(unreadable);
    for (const index of result.failed) {
      const { record, event } = events[index] as StreamedDomainEvent;
      failed.add(record);
      logger.error('event not published', {
        eventId: event.detail.metadata.eventId,
        correlationId: event.detail.metadata.correlationId,
        detailType: event.detailType,
        errorCode: result.errorCode,
      });
    }
    for (const record of unreadable) {
      logger.error('unreadable stream record', { eventID: record.eventID, eventName: record.eventName });
    }
    logger.info('published', { records: Records.length, requests: result.requests, failed: failed.size });
    return failedFrom(Records, failed);
  };
}
