import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { SNAPSHOTS_BY_TIME_INDEX } from '../contract';
import type { Snapshot, SnapshotStore } from '../ports/snapshot-store';

/**
 * The Snapshots table: partition key `aggregateId`, sort key `version`, one item per snapshot taken, and a
 * local secondary index on `occurredAt` so a temporal query finds the newest snapshot before its instant in
 * one request. Old snapshots are kept (they are small and serve `asOf` queries).
 */

export class DynamoDbSnapshotStore<TState> implements SnapshotStore<TState> {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async latest(aggregateId: string, asOf?: string): Promise<Snapshot<TState> | undefined> {
    const byTime = asOf !== undefined;
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        ...(byTime ? { IndexName: SNAPSHOTS_BY_TIME_INDEX } : {}),
        KeyConditionExpression: byTime ? 'aggregateId = :id AND occurredAt <= :asOf' : 'aggregateId = :id',
        ExpressionAttributeValues: { ':id': aggregateId, ...(byTime ? { ':asOf': asOf } : {}) },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    return result.Items?.[0] as Snapshot<TState> | undefined;
  }

  async save(snapshot: Snapshot<TState>): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: snapshot,
          // A snapshot is a pure function of the events up to its version: the same version is only ever
          // rewritten to upgrade an older shape, and two writers racing write the same thing.
          ConditionExpression: 'attribute_not_exists(aggregateId) OR schemaVersion < :schemaVersion',
          ExpressionAttributeValues: { ':schemaVersion': snapshot.schemaVersion },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
