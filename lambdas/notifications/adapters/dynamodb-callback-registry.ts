import { createHash } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from '../../shared/aws/query-all';
import { type CallbackAttempt, callbackAttemptSchema } from '../contract';
import type { CallbackRegistry, FinalEventRef, Registration } from '../ports/callback-registry';

/** A month: long after the last retry (about a day), long enough to look back at what was delivered. */
const KEEP_FOR_SECONDS = 30 * 24 * 60 * 60;

/**
 * The registry on one table (`pk`, `sk`, TTL `expiresAt`): an order's registration and its attempts share
 * the order's partition (`order#<id>`: `registration`, `attempt#<time>#<webhookId>`), so the history is one
 * query; a URL that answered 410 is its own item (`url#<sha-256 of the URL>`), whichever order it came from.
 */
export class DynamoDbCallbackRegistry implements CallbackRegistry {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async register(registration: Registration): Promise<void> {
    // A redelivered OrderPlaced must not wipe what a final status already remembered: set, never replace.
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: orderKey(registration.orderId, 'registration'),
        UpdateExpression: `SET ${registration.callbackUrl === undefined ? '' : 'callbackUrl = :url, '}expiresAt = :expiresAt`,
        ExpressionAttributeValues: {
          ...(registration.callbackUrl === undefined ? {} : { ':url': registration.callbackUrl }),
          ':expiresAt': this.expiresAt(),
        },
      }),
    );
  }

  async registration(orderId: string): Promise<Registration | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: orderKey(orderId, 'registration'),
        ConsistentRead: true,
      }),
    );
    if (Item === undefined) return undefined;
    return {
      orderId,
      ...(typeof Item.callbackUrl === 'string' ? { callbackUrl: Item.callbackUrl } : {}),
      ...(Item.lastFinal === undefined ? {} : { lastFinal: Item.lastFinal as FinalEventRef }),
    };
  }

  async rememberFinal(orderId: string, event: FinalEventRef): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: orderKey(orderId, 'registration'),
        UpdateExpression: 'SET lastFinal = :event',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':event': event },
      }),
    );
  }

  async recordAttempt(orderId: string, attempt: CallbackAttempt): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...orderKey(orderId, `attempt#${attempt.at}#${attempt.webhookId}#${attempt.attempt}`),
          ...attempt,
          expiresAt: this.expiresAt(),
        },
      }),
    );
  }

  async attempts(orderId: string): Promise<CallbackAttempt[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :attempts)',
      ExpressionAttributeValues: { ':pk': `order#${orderId}`, ':attempts': 'attempt#' },
      ConsistentRead: true,
    });
    return items.map((item) => callbackAttemptSchema.parse(item));
  }

  async markGone(url: string): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...urlKey(url), url, goneAt: this.now().toISOString(), expiresAt: this.expiresAt() },
      }),
    );
  }

  async isGone(url: string): Promise<boolean> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: urlKey(url) }));
    return Item !== undefined;
  }

  private expiresAt(): number {
    return Math.floor(this.now().getTime() / 1000) + KEEP_FOR_SECONDS;
  }
}

function orderKey(orderId: string, sk: string) {
  return { pk: `order#${orderId}`, sk };
}

/** Hashed: a URL may be longer than a key may be, and the item holds it in full anyway. */
function urlKey(url: string) {
  return { pk: `url#${createHash('sha256').update(url).digest('hex')}`, sk: 'gone' };
}
