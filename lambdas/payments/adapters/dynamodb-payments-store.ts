import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conditionally } from '../../shared/aws/conditional-write';
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

  async recordAttempt(attempt: Pick<Payment, 'orderId' | 'amount' | 'currency'>): Promise<void> {
    // A repeat (or a payment already answered or settled) keeps what is there.
    await conditionally(() =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...attempt, status: 'ATTEMPTED' },
          ConditionExpression: 'attribute_not_exists(orderId)',
        }),
      ),
    );
  }

  async record(payment: Payment): Promise<void> {
    // Recorded by an earlier attempt of the same step (the provider's idempotency made it the same
    // charge), or settled since: the settlement stands.
    await conditionally(() =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: payment,
          ConditionExpression: 'attribute_not_exists(orderId) OR #status = :attempted',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':attempted': 'ATTEMPTED' },
        }),
      ),
    );
  }

  async recordSettlement(orderId: string, settlement: Pick<Payment, 'status' | 'chargeId'>): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { orderId },
        UpdateExpression: 'SET #status = :status, chargeId = :chargeId',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': settlement.status, ':chargeId': settlement.chargeId },
      }),
    );
  }
}
