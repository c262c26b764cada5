import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { ReadStream, StreamedDomainEvent } from '../streams/relay-to-bus';
import type { OutboxItem } from './outbox';

/**
 * Reads a batch of an Outbox table's stream back into domain events. Only new items are events (the
 * mapping's filter passes INSERTs; TTL's deletions never reach the relay). A record that is not a
 * well-formed outbox item, or names another source than the service's own, is poison: reported, so it ends
 * in the mapping's dead-letter queue rather than on the bus.
 */
export function readOutboxStream(records: readonly DynamoDBRecord[], source: string): ReadStream {
  const events: StreamedDomainEvent[] = [];
  const unreadable: DynamoDBRecord[] = [];
  for (const record of records) {
    const item = record.eventName === 'INSERT' ? outboxItemOf(record) : undefined;
    if (item === undefined || item.source !== source) unreadable.push(record);
    else events.push({ record, event: { source, detailType: item.detailType, detail: item.detail } });
  }
  return { events, unreadable };
}

function outboxItemOf(record: DynamoDBRecord): OutboxItem | undefined {
  const image = record.dynamodb?.NewImage;
  if (image === undefined) return undefined;
  try {
    const item = unmarshall(image as Record<string, AttributeValue>);
    const { eventId, source, detailType, detail } = item;
    if (typeof eventId !== 'string' || typeof source !== 'string' || typeof detailType !== 'string') {
      return undefined;
    }
    const metadata = detail?.metadata;
    if (metadata?.eventId !== eventId || typeof metadata.correlationId !== 'string') return undefined;
    if (typeof metadata.schemaVersion !== 'number' || typeof metadata.occurredAt !== 'string')
      return undefined;
    return item as OutboxItem;
  } catch {
    return undefined;
  }
}
