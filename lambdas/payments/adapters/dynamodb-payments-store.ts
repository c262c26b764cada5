import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Payment } from '../domain/payment';
import type { PaymentsStore } from '../ports/payments-store';

/** The Payments table: one item per order (partition key `orderId`). */
export class DynamoDbPaymentsStore implements PaymentsStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(orderId: string): Promise<Payment | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { orderId }, ConsistentRead: true }),
    );
    return Item as Payment | undefined;
  }

  async record(payment: Payment): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: payment,
          ConditionExpression: 'attribute_not_exists(orderId)',
        }),
      );
    } catch (error) {
      // Recorded by an earlier attempt of the same step: the provider's idempotency made it the same charge.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async markRefunded(orderId: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { orderId },
        UpdateExpression: 'SET #status = :refunded',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':refunded': 'REFUNDED' },
      }),
    );
  }
}
