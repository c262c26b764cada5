import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbCallbackRegistry } from '../../../lambdas/notifications/adapters/dynamodb-callback-registry';
import type { CallbackAttempt } from '../../../lambdas/notifications/contract';
import type { DynamoDbLocal } from '../../helpers/dynamodb-local';
import { startStackTables } from '../../helpers/stack-tables';

/** The notifications service's records on DynamoDB Local, its table from the synthesized stack. */
let db: DynamoDbLocal;
let client: DynamoDBDocumentClient;
let registry: DynamoDbCallbackRegistry;

beforeAll(async () => {
  const started = await startStackTables('notifications');
  ({ db, client } = started);
  registry = new DynamoDbCallbackRegistry(client, started.table('NotificationsCallbacks'));
});
afterAll(() => db?.stop());

const attempt = (n: number, at: string, webhookId = 'evt_1'): CallbackAttempt => ({
  webhookId,
  type: 'order.confirmed',
  attempt: n,
  at,
  url: 'https://hooks.example/orders',
  ...(n < 3 ? { status: 500 } : { status: 200 }),
  durationMs: 12,
  outcome: n < 3 ? 'retrying' : 'delivered',
});

describe('the callback registry on DynamoDB', () => {
  it('registers an order with or without a callback URL, and knows nothing of another', async () => {
    const [withUrl, without] = [randomUUID(), randomUUID()];
    await registry.register({ orderId: withUrl, callbackUrl: 'https://hooks.example/orders' });
    await registry.register({ orderId: without });
    expect(await registry.registration(withUrl)).toEqual({
      orderId: withUrl,
      callbackUrl: 'https://hooks.example/orders',
    });
    expect(await registry.registration(without)).toEqual({ orderId: without });
    expect(await registry.registration(randomUUID())).toBeUndefined();
  });

  it('keeps the last final status through a redelivered OrderPlaced', async () => {
    const orderId = randomUUID();
    await registry.register({ orderId, callbackUrl: 'https://hooks.example/orders' });
    const final = {
      eventId: 'evt_9',
      type: 'OrderRejected' as const,
      occurredAt: '2026-12-05T10:00:00.000Z',
      correlationId: 'c',
    };
    await registry.rememberFinal(orderId, final);
    await registry.register({ orderId, callbackUrl: 'https://hooks.example/orders' });
    expect((await registry.registration(orderId))?.lastFinal).toEqual(final);
  });

  it('refuses to remember a final status for an order it never registered', async () => {
    await expect(
      registry.rememberFinal(randomUUID(), {
        eventId: 'e',
        type: 'OrderConfirmed',
        occurredAt: 'x',
        correlationId: 'c',
      }),
    ).rejects.toThrow(/conditional/i);
  });

  it('lists the attempts oldest first, apart from the registration', async () => {
    const orderId = randomUUID();
    await registry.register({ orderId, callbackUrl: 'https://hooks.example/orders' });
    const recorded = [1, 2, 3].map((n) => attempt(n, `2026-12-05T10:00:0${n}.000Z`));
    for (const a of [...recorded].reverse()) await registry.recordAttempt(orderId, a);
    expect(await registry.attempts(orderId)).toEqual(recorded);
    expect(await registry.attempts(randomUUID())).toEqual([]);
  });

  it('remembers a URL that answered 410, whichever order it came from', async () => {
    const url = `https://gone.example/${randomUUID()}`;
    expect(await registry.isGone(url)).toBe(false);
    await registry.markGone(url);
    expect(await registry.isGone(url)).toBe(true);
    expect(await registry.isGone(`${url}/other`)).toBe(false);
  });
});
