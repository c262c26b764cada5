import type { DynamoDBRecord } from 'aws-lambda';
import type { DomainEventBus } from '../../shared/events/domain-event-bus';
import { logger } from '../../shared/logger';
import type { Backoff } from '../../shared/resilience/backoff';
import { failedFrom } from '../../shared/streams/stream-batch';
import { readEventStoreStream } from '../adapters/event-store-stream';
import { publishOrderEvents } from '../use-cases/publish-order-events';
import type { StreamHandler } from './project-order-views-handler';

/**
 * The EventStore stream -> the event bus. Publishes every readable record of the batch and reports the
 * first one it could not read or publish, so Lambda redelivers from there; after the mapping's retries
 * that part of the batch goes to the on-failure queue and later records flow again. Nothing readable is
 * ever held back behind a poison record, so nothing good is discarded with it.
 */
export function publishOrderEventsHandler(deps: { bus: DomainEventBus; retry?: Backoff }): StreamHandler {
  return async ({ Records }) => {
    const { events, unreadable } = readEventStoreStream(Records);
    const result = await publishOrderEvents(
      deps.bus,
      events.map(({ event }) => event),
      deps.retry,
    );
    const failed = new Set<DynamoDBRecord>(unreadable);
    for (const index of result.failed) {
      const { record, event } = events[index] as (typeof events)[number];
      failed.add(record);
      logger.error('event not published', {
        eventId: event.metadata.eventId,
        correlationId: event.metadata.correlationId,
        errorCode: result.errorCode,
      });
    }
    for (const record of unreadable) logger.error('unreadable stream record', { eventID: record.eventID });
    logger.info('published', { records: Records.length, requests: result.requests, failed: failed.size });
    return failedFrom(Records, failed);
  };
}
