import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  type QueryCommandOutput,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { EventMetadata } from '../../shared/events/envelope';
import { ConcurrencyConflictError, type EventStore, type StoredEvent } from '../ports/event-store';

/**
 * The EventStore table: partition key `aggregateId`, sort key `version`, one item per event. Appends are
 * conditional puts (`attribute_not_exists`), so an occupied version fails instead of being overwritten;
 * several events in one append go in one transaction, all or nothing.
 */
interface EventItem {
  aggregateId: string;
  version: number;
  type: string;
  data: unknown;
  metadata: EventMetadata;
}

const NOT_YET_WRITTEN = 'attribute_not_exists(aggregateId)';

export class DynamoDbEventStore implements EventStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async load(aggregateId: string): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    let startKey: QueryCommandOutput['LastEvaluatedKey'];
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'aggregateId = :id',
          ExpressionAttributeValues: { ':id': aggregateId },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) events.push(toStoredEvent(item as EventItem));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return events;
  }

  async append(aggregateId: string, expectedVersion: number, events: readonly StoredEvent[]): Promise<void> {
    assertContiguous(aggregateId, expectedVersion, events);
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

function toStoredEvent(item: EventItem): StoredEvent {
  return {
    aggregateId: item.aggregateId,
    version: item.version,
    type: item.type,
    data: item.data,
    metadata: item.metadata,
  };
}
