import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbConnectionStore } from '../../../lambdas/push/adapters/dynamodb-connection-store';
import { MAX_SUBSCRIPTIONS_PER_CONNECTION, newConnection } from '../../../lambdas/push/domain/connection';
import type { DynamoDbLocal } from '../../helpers/dynamodb-local';
import { CUSTOMER, ORDER, OTHER_CUSTOMER, OTHER_ORDER } from '../../helpers/in-memory-push';
import { startStackTables } from '../../helpers/stack-tables';

/** The push service's Connections table on DynamoDB Local, as the Push stack defines it. */
let db: DynamoDbLocal;
let client: DynamoDBDocumentClient;
let store: DynamoDbConnectionStore;
let run = 0;

beforeAll(async () => {
  const started = await startStackTables('push');
  ({ db, client } = started);
  store = new DynamoDbConnectionStore(client, started.table('PushConnections'));
});
afterAll(() => db?.stop());

// Now, not a fixed date: DynamoDB Local's TTL removes items whose expiresAt (two hours on) has passed.
const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);
const at = NOW.getTime();

/** A fresh connection of `customerId`, opened, with a unique id per test. */
async function connected(customerId = CUSTOMER, now = NOW) {
  const connection = newConnection(`conn-${++run}`, customerId, now);
  await store.open(connection);
  return connection;
}

describe('connections and subscriptions on DynamoDB Local', () => {
  it('records a connection and reads it back, consistently', async () => {
    const connection = await connected();
    await expect(store.connection(connection.connectionId)).resolves.toEqual(connection);
    await expect(store.connection('never-connected')).resolves.toBeUndefined();
  });

  it('subscribes once however often asked, keeping what was delivered, and finds the subscribers of an order', async () => {
    const a = await connected();
    const b = await connected(OTHER_CUSTOMER);
    await expect(store.subscribe(a, ORDER)).resolves.toBe('subscribed');
    await expect(store.subscribe(b, ORDER)).resolves.toBe('subscribed');
    const key = { orderId: ORDER, connectionId: a.connectionId };
    await store.claim(key, 3, { id: 'l1', until: at + 1000 }, at);
    await store.delivered(key, 3, 'l1');
    await expect(store.subscribe(a, ORDER)).resolves.toBe('subscribed');
    await expect(store.claim(key, 3, { id: 'l2', until: at + 1000 }, at)).resolves.toBe('already-sent');
    expect((await store.connection(a.connectionId))?.orderIds).toEqual([ORDER]);
    const subscribers = await store.subscribers(ORDER, NOW);
    expect(subscribers).toEqual(
      expect.arrayContaining([
        { orderId: ORDER, connectionId: a.connectionId, customerId: CUSTOMER },
        { orderId: ORDER, connectionId: b.connectionId, customerId: OTHER_CUSTOMER },
      ]),
    );
  });

  it('skips subscriptions whose connection has expired, before TTL removes them', async () => {
    const old = await connected(CUSTOMER, new Date(at - 3 * 3600 * 1000));
    const fresh = await connected();
    await store.subscribe(old, OTHER_ORDER);
    await store.subscribe(fresh, OTHER_ORDER);
    const ids = (await store.subscribers(OTHER_ORDER, NOW)).map((s) => s.connectionId);
    expect(ids).toContain(fresh.connectionId);
    expect(ids).not.toContain(old.connectionId);
  });

  it('refuses a subscription past the connection’s limit, still takes one it has, and none for an unknown connection', async () => {
    const connection = await connected();
    for (let i = 0; i < MAX_SUBSCRIPTIONS_PER_CONNECTION; i++)
      await store.subscribe(connection, `order-${i}`);
    await expect(store.subscribe(connection, ORDER)).resolves.toBe('too-many');
    await expect(store.subscribe(connection, 'order-0')).resolves.toBe('subscribed');
    await expect(store.subscribe({ ...connection, connectionId: 'gone-1' }, ORDER)).resolves.toBe(
      'no-connection',
    );
    expect(await store.subscribers(ORDER, NOW)).not.toContainEqual(
      expect.objectContaining({ connectionId: connection.connectionId }),
    );
  });

  it('decides deliveries as the pure rule does: send, busy under a lease, send once it runs out, already-sent, unsubscribed', async () => {
    const connection = await connected();
    await store.subscribe(connection, ORDER);
    const key = { orderId: ORDER, connectionId: connection.connectionId };
    await expect(store.claim(key, 1, { id: 'first', until: at + 30_000 }, at)).resolves.toBe('send');
    await expect(store.claim(key, 2, { id: 'second', until: at + 30_000 }, at + 1)).resolves.toBe('busy');
    // The first holder died: past its lease, another sender takes over; the dead one records nothing.
    await expect(store.claim(key, 2, { id: 'second', until: at + 60_000 }, at + 30_000)).resolves.toBe(
      'send',
    );
    await store.delivered(key, 1, 'first');
    await store.delivered(key, 2, 'second');
    await expect(store.claim(key, 2, { id: 'third', until: at + 90_000 }, at + 31_000)).resolves.toBe(
      'already-sent',
    );
    await expect(store.claim(key, 1, { id: 'third', until: at + 90_000 }, at + 31_000)).resolves.toBe(
      'already-sent',
    );
    await expect(store.claim(key, 3, { id: 'third', until: at + 90_000 }, at + 31_000)).resolves.toBe('send');
    // A failed post gives the lease back without recording: the version is still to send.
    await store.release(key, 'third');
    await expect(store.claim(key, 3, { id: 'fourth', until: at + 90_000 }, at + 31_000)).resolves.toBe(
      'send',
    );
    await expect(
      store.claim(
        { orderId: OTHER_ORDER, connectionId: connection.connectionId },
        1,
        { id: 'x', until: at },
        at,
      ),
    ).resolves.toBe('unsubscribed');
  });

  it('lets exactly one of many senders racing for the same version post it', async () => {
    const connection = await connected();
    await store.subscribe(connection, ORDER);
    const key = { orderId: ORDER, connectionId: connection.connectionId };
    const decisions = await Promise.all(
      Array.from({ length: 12 }, (_, i) => store.claim(key, 1, { id: `racer-${i}`, until: at + 30_000 }, at)),
    );
    expect(decisions.filter((d) => d === 'send')).toHaveLength(1);
    expect(decisions.filter((d) => d !== 'send').every((d) => d === 'busy')).toBe(true);
  });

  it('forgets a connection and every subscription it had', async () => {
    const connection = await connected();
    const neighbour = await connected();
    await store.subscribe(connection, ORDER);
    await store.subscribe(connection, OTHER_ORDER);
    await store.subscribe(neighbour, ORDER);
    await store.close(connection.connectionId);
    await expect(store.connection(connection.connectionId)).resolves.toBeUndefined();
    for (const orderId of [ORDER, OTHER_ORDER]) {
      expect((await store.subscribers(orderId, NOW)).map((s) => s.connectionId)).not.toContain(
        connection.connectionId,
      );
    }
    expect((await store.subscribers(ORDER, NOW)).map((s) => s.connectionId)).toContain(
      neighbour.connectionId,
    );
    await expect(store.close('never-connected')).resolves.toBeUndefined();
  });
});
