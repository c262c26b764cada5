import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { BreakerStore } from '../resilience/circuit-breaker';
import type { BreakerState } from '../resilience/circuit-breaker-state';
import { atVersion, conditionally } from './conditional-write';

/**
 * Circuit breaker state in DynamoDB: one item per breaker (partition key `id`), read consistently and
 * written only if its `version` is still the one read, so two instances never both take the probe and no
 * counted failure overwrites another.
 */
export class DynamoDbBreakerStore implements BreakerStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async read(name: string): Promise<BreakerState | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { id: name }, ConsistentRead: true }),
    );
    if (Item === undefined) return undefined;
    const { id: _, ...state } = Item;
    return state as BreakerState;
  }

  async count(name: string, windowStartedAt: number, failure: boolean): Promise<BreakerState | undefined> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id: name },
          UpdateExpression: 'ADD calls :one, failures :failed, version :one',
          ConditionExpression: '#status = :closed AND windowStartedAt = :window',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':one': 1,
            ':failed': failure ? 1 : 0,
            ':closed': 'CLOSED',
            ':window': windowStartedAt,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const { id: _, ...state } = Attributes ?? {};
      return state as BreakerState;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  write(name: string, next: BreakerState, expectedVersion: number): Promise<boolean> {
    return conditionally(() =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { id: name, ...next },
          ...atVersion('id', expectedVersion),
        }),
      ),
    );
  }
}
