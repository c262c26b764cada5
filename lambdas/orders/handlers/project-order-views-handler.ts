import type { DynamoDBRecord } from 'aws-lambda';
import { logger } from '../../shared/logger';
import { failedFrom } from '../../shared/streams/stream-batch';
import type { StreamHandler } from '../../shared/streams/stream-handler';
import { readEventStoreStream } from '../adapters/event-store-stream';
import { type ProjectionDeps, projectOrderViews } from '../use-cases/project-order-views';

/** The EventStore stream -> the OrderViews read model (CQRS). Failures are reported, never thrown away. */
export function projectOrderViewsHandler(deps: ProjectionDeps): StreamHandler {
  return async ({ Records }) => {
    const { events, unreadable } = readEventStoreStream(Records);
    const result = await projectOrderViews(
      deps,
      events.map(({ event }) => event),
    );
    const failedEvents = new Set(result.failed);
    const failed = new Set<DynamoDBRecord>([
      ...unreadable,
      ...events.filter(({ event }) => failedEvents.has(event)).map(({ record }) => record),
    ]);
    for (const record of unreadable) {
      logger.error('unreadable stream record', { eventID: record.eventID, eventName: record.eventName });
    }
    for (const { orderId, version, error } of result.errors) {
      logger.error('order view not projected', { orderId, version, error: error as Error });
    }
    logger.info('projected', { records: Records.length, writes: result.writes, failed: failed.size });
    return failedFrom(Records, failed);
  };
}
