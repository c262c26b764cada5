import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { StepContext } from '../../orders/contract';
import { conditionally } from '../../shared/aws/conditional-write';
import { RecordByOrderTable } from '../../shared/aws/record-by-order-table';
import { transactOnce } from '../../shared/aws/transaction';
import { Outbox } from '../../shared/outbox/outbox';
import { PAYMENTS_EVENTS } from '../contract';
import type { Payment, Settlement } from '../domain/payment';
import { chargeAnsweredEvent, settledEvent } from '../domain/payment-events';
import type { PaymentsStore } from '../ports/payments-store';

/**
 * The Payments table: one item per order (partition key `orderId`). A payment's answer or settlement and
 * its event (an item of the service's Outbox table) are written in one transaction, conditioned so that
 * each happens once: a repeat changes nothing and publishes nothing.
 */
export class DynamoDbPaymentsStore extends RecordByOrderTable<Payment> implements PaymentsStore {
  private readonly outbox: Outbox;

  constructor(client: DynamoDBDocumentClient, tableName: string, outboxTableName: string) {
    super(client, tableName);
    this.outbox = new Outbox(outboxTableName, PAYMENTS_EVENTS);
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

  async record(payment: Payment, step: StepContext): Promise<boolean> {
    const event = chargeAnsweredEvent(payment, step);
    // Recorded by an earlier attempt of the same step (the provider's idempotency made it the same
    // charge), or settled since: the settlement stands.
    return transactOnce(this.client, [
      {
        Put: {
          TableName: this.tableName,
          Item: payment,
          ConditionExpression: 'attribute_not_exists(orderId) OR #status = :attempted',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':attempted': 'ATTEMPTED' },
        },
      },
      ...(event === undefined ? [] : [this.outbox.put(event.type, event.data, step)]),
    ]);
  }

  async recordSettlement(settled: Payment & Settlement, step: StepContext): Promise<boolean> {
    const { type, data } = settledEvent(settled, step);
    // Over a payment that holds money or may (captured, attempted), or none at all; never twice.
    return transactOnce(this.client, [
      {
        Put: {
          TableName: this.tableName,
          Item: settled,
          ConditionExpression: 'attribute_not_exists(orderId) OR #status IN (:attempted, :captured)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':attempted': 'ATTEMPTED', ':captured': 'CAPTURED' },
        },
      },
      this.outbox.put(type, data, step),
    ]);
  }
}
