import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Shipment } from '../domain/shipment';
import type { ShipmentsStore } from '../ports/shipments-store';

/** The Shipments table: one item per order (partition key `orderId`). */
export class DynamoDbShipmentsStore implements ShipmentsStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async schedule(shipment: Shipment): Promise<Shipment> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: shipment,
          ConditionExpression: 'attribute_not_exists(orderId)',
        }),
      );
      return shipment;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return (await this.get(shipment.orderId)) as Shipment;
    }
  }

  async cancel(orderId: string): Promise<Shipment | undefined> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { orderId },
          UpdateExpression: 'SET #status = :cancelled',
          ConditionExpression: 'attribute_exists(orderId)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':cancelled': 'CANCELLED' },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes as Shipment;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  private async get(orderId: string): Promise<Shipment | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { orderId }, ConsistentRead: true }),
    );
    return Item as Shipment | undefined;
  }
}
