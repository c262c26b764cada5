import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  type QueryCommandOutput,
  ScanCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { EventMetadata } from '../../shared/events/envelope';
import {
  ConcurrencyConflictError,
  type EventPage,
  type EventStore,
  type EventStoreScan,
  type ReadOptions,
  type StoredEvent,
} from '../ports/event-store';

/**
 * The EventStore table: partition key `aggregateId`, sort key `version`, one item per event. Appends are
 * conditional puts (`attribute_not_exists`), so an occupied version fails instead of being overwritten;
 * several events in one append go in one transaction, all or nothing. Nothing here updates or deletes.
 */
interface EventItem {
  aggregateId: string;
  version: number;
  type: string;
  data: unknown;
  metadata: EventMetadata;
}

const NOT_YET_WRITTEN = 'attribute_not_exists(aggregateId)';
/** TransactWriteItems takes at most 100 actions. */
export const MAX_EVENTS_PER_APPEND = 100;

export class DynamoDbEventStore implements EventStore, EventStoreScan {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async load(aggregateId: string, options: ReadOptions = {}): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    let startKey: QueryCommandOutput['LastEvaluatedKey'];
    do {
      const page = await this.query(aggregateId, options.afterVersion ?? 0, { startKey });
      for (const item of page.Items ?? []) {
        const event = toStoredEvent(item as EventItem);
        if (options.asOf !== undefined && event.metadata.occurredAt > options.asOf) return events;
        events.push(event);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return events;
  }

  async page(aggregateId: string, afterVersion: number, limit: number): Promise<EventPage> {
    // One more than asked for tells whether another page exists without a second request.
    const page = await this.query(aggregateId, afterVersion, { limit: limit + 1 });
    const events = (page.Items ?? []).map((item) => toStoredEvent(item as EventItem));
    return { events: events.slice(0, limit), hasMore: events.length > limit };
  }

  async append(aggregateId: string, expectedVersion: number, events: readonly StoredEvent[]): Promise<void> {
    assertContiguous(aggregateId, expectedVersion, events);
    if (events.length > MAX_EVENTS_PER_APPEND) {
      throw new RangeError(`At most ${MAX_EVENTS_PER_APPEND} events fit one atomic append.`);
    }
    const items = events.map(toItem);
    try {
      if (items.length === 1) {
        await this.client.send(
          new PutCommand({ TableName: this.tableName, Item: items[0], ConditionExpression: NOT_YET_WRITTEN }),
        );
      } else if (items.length > 1) {
        await this.client.send(
          new TransactWriteCommand({
            TransactItems: items.map((Item) => ({
              Put: { TableName: this.tableName, Item, ConditionExpression: NOT_YET_WRITTEN },
            })),
          }),
        );
      }
    } catch (error) {
      if (isConditionFailure(error)) throw new ConcurrencyConflictError(aggregateId, expectedVersion);
      throw error;
    }
  }

  async scanPage(
    cursor: string | undefined,
    limit: number,
  ): Promise<{ events: StoredEvent[]; cursor?: string }> {
    const page = await this.client.send(
      new ScanCommand({
        TableName: this.tableName,
        ConsistentRead: true,
        Limit: limit,
        ...(cursor === undefined ? {} : { ExclusiveStartKey: JSON.parse(cursor) as Record<string, unknown> }),
      }),
    );
    const events = (page.Items ?? []).map((item) => toStoredEvent(item as EventItem));
    return page.LastEvaluatedKey === undefined
      ? { events }
      : { events, cursor: JSON.stringify(page.LastEvaluatedKey) };
  }

  private query(
    aggregateId: string,
    afterVersion: number,
    page: { startKey?: QueryCommandOutput['LastEvaluatedKey']; limit?: number },
  ): Promise<QueryCommandOutput> {
    return this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'aggregateId = :id AND version > :after',
        ExpressionAttributeValues: { ':id': aggregateId, ':after': afterVersion },
        ConsistentRead: true,
        ExclusiveStartKey: page.startKey,
        Limit: page.limit,
      }),
    );
  }
}

function assertContiguous(
  aggregateId: string,
  expectedVersion: number,
  events: readonly StoredEvent[],
): void {
  events.forEach((event, index) => {
    if (event.aggregateId !== aggregateId || event.version !== expectedVersion + index + 1) {
      throw new RangeError(
        `Event ${index} must be ${aggregateId}@${expectedVersion + index + 1}, got ${event.aggregateId}@${event.version}.`,
      );
    }
  });
}

function isConditionFailure(error: unknown): boolean {
  if (error instanceof ConditionalCheckFailedException) return true;
  return (
    error instanceof TransactionCanceledException &&
    (error.CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed')
  );
}

function toItem(event: StoredEvent): EventItem {
  return {
    aggregateId: event.aggregateId,
    version: event.version,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  };
}

/** Also reads the stream's NewImage (unmarshalled), which has exactly the item's attributes. */
export function toStoredEvent(item: EventItem): StoredEvent {
  return {
    aggregateId: item.aggregateId,
    version: item.version,
    type: item.type,
    data: item.data,
    metadata: item.metadata,
  };
}
