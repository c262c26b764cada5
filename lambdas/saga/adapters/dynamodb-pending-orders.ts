import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { BY_STATUS_INDEX } from '../../orders/contract';
import type { PendingOrders } from '../ports/stuck-orders';

const PAGE_SIZE = 50;

/** The orders read model's `byStatus` index (status, by updatedAt): PENDING orders not changed since. */
export class DynamoDbPendingOrders implements PendingOrders {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Page by page, so that a sweep that stops early reads no further. */
  async *pendingSince(before: string): AsyncIterable<string> {
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: BY_STATUS_INDEX,
          KeyConditionExpression: '#status = :pending AND updatedAt < :before',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':pending': 'PENDING', ':before': before },
          ProjectionExpression: 'orderId',
          Limit: PAGE_SIZE,
          ExclusiveStartKey: cursor,
        }),
      );
      for (const item of page.Items ?? []) yield String(item.orderId);
      cursor = page.LastEvaluatedKey;
    } while (cursor !== undefined);
  }
}
