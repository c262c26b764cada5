import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

/**
 * A table of one record per order (partition key `orderId`): a payment, a shipment. Reads are consistent,
 * since a read follows the write it must see (a repeated step, a composed view after a confirmation).
 */
export class RecordByOrderTable<T> {
  constructor(
    protected readonly client: DynamoDBDocumentClient,
    protected readonly tableName: string,
  ) {}

  async get(orderId: string): Promise<T | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { orderId }, ConsistentRead: true }),
    );
    return Item as T | undefined;
  }
}
