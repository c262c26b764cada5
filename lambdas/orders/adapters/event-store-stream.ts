import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { readRecords } from '../../shared/streams/stream-batch';
import type { StoredEvent } from '../ports/event-store';

/** A stream record of the EventStore table, read back into the event it inserted. */
export interface StreamedEvent {
  readonly record: DynamoDBRecord;
  readonly event: StoredEvent;
}

export interface StreamBatch {
  readonly events: StreamedEvent[];
  /** Records that are not a well-formed event insert: poison, reported as failures so they reach the DLQ. */
  readonly unreadable: DynamoDBRecord[];
}

/**
 * Reads a batch from the EventStore's stream (NEW_IMAGE). The event source mapping's filter passes only
 * INSERTs (events are never updated or deleted), but anything else that arrives is still checked here.
 */
export function readEventStoreStream(records: readonly DynamoDBRecord[]): StreamBatch {
  const { items, unreadable } = readRecords(records, (record) =>
    record.eventName === 'INSERT' ? toStoredEvent(record) : undefined,
  );
  return { events: items.map(({ record, item }) => ({ record, event: item })), unreadable };
}

function toStoredEvent(record: DynamoDBRecord): StoredEvent | undefined {
  const image = record.dynamodb?.NewImage;
  if (image === undefined) return undefined;
  try {
    const item = unmarshall(image as Record<string, AttributeValue>);
    const { aggregateId, version, type, data, metadata } = item;
    if (typeof aggregateId !== 'string' || typeof version !== 'number' || typeof type !== 'string')
      return undefined;
    if (metadata === null || typeof metadata !== 'object' || typeof metadata.eventId !== 'string')
      return undefined;
    if (typeof metadata.schemaVersion !== 'number' || typeof metadata.occurredAt !== 'string')
      return undefined;
    return { aggregateId, version, type, data, metadata };
  } catch {
    return undefined;
  }
}
