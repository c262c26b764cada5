import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { OrderFacts } from '../choreography/order-facts';

const KEEP_FOR_SECONDS = 14 * 24 * 60 * 60;

/**
 * OrderFacts on a table keyed by `orderId` (TTL `expiresAt`, two weeks): each call sets its own attributes
 * in one update and reads back the whole item, so two events arriving at once both see everything, and
 * acting twice is left to the operation's own idempotency.
 */
export class DynamoDbOrderFacts<T extends object> implements OrderFacts<T> {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async add(orderId: string, facts: Partial<T>): Promise<Partial<T>> {
    const entries = Object.entries(facts).filter(([, value]) => value !== undefined);
    const names = Object.fromEntries(entries.map(([key], i) => [`#f${i}`, key]));
    const values = Object.fromEntries(entries.map(([, value], i) => [`:f${i}`, value]));
    const { Attributes } = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { orderId },
        UpdateExpression: `SET ${[...entries.map((_, i) => `#f${i} = :f${i}`), 'expiresAt = :expiresAt'].join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: {
          ...values,
          ':expiresAt': Math.floor(this.now().getTime() / 1000) + KEEP_FOR_SECONDS,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    const { orderId: _, expiresAt: __, ...kept } = (Attributes ?? {}) as Record<string, unknown>;
    return kept as Partial<T>;
  }
}
