import { randomUUID } from 'node:crypto';
import { SAMPLE_ORDER } from '../fixtures/orders';
import { StubProvider } from '../helpers/stub-provider';
import { type AppUser, appCall, newAppUser } from './app-users';
import { call } from './public-api';
import { PushClient } from './push-client';
import { readOutputs } from './target';

/**
 * Order updates over WebSocket, end to end and black-box: users of the apps connect with their ID token
 * as `?token=`, subscribe to an order and receive its views as the saga moves it, in version order;
 * another customer is refused and told nothing; no token or a bad one never connects. The payment
 * provider is slowed so that the order is still PENDING when its customer subscribes. Serial (one file).
 */
const { customerId: _ignored, ...MY_ORDER } = SAMPLE_ORDER;

let ada: AppUser;
let bob: AppUser;
let provider: StubProvider;
let sku: string;
const clients: PushClient[] = [];
const connect = async (token: string | null) => {
  const client = await PushClient.connect(token);
  clients.push(client);
  return client;
};

beforeAll(async () => {
  [ada, bob] = await Promise.all([newAppUser(), newAppUser()]);
  provider = await StubProvider.of(readOutputs(), process.env.E2E_AWS_ENDPOINT);
  sku = `PUSH-${randomUUID().slice(0, 8)}`;
  const set = await call('PUT', `inventory/${sku}`, {
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ available: 100, unitPrice: 5 }),
  });
  expect(set.status).toBe(200);
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await provider?.behave({ latencyMs: 0, failureRate: 0 });
});

async function placeOrder(user: AppUser): Promise<string> {
  const placed = await appCall('web', 'POST', 'me/orders', {
    token: await user.idToken('web'),
    headers: { 'Idempotency-Key': randomUUID() },
    body: { ...MY_ORDER, items: [{ sku, quantity: 2 }] },
  });
  expect(placed.status).toBe(202);
  return placed.json<{ orderId: string }>().orderId;
}

describe('order updates pushed over WebSocket', () => {
  it('refuses a connection without a token, or with a changed one: 401, before anything runs', async () => {
    await expect(PushClient.connect(null)).rejects.toMatchObject({ status: 401 });
    const token = await ada.idToken('web');
    const changed = `${token.slice(0, -4)}${token.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    await expect(PushClient.connect(changed)).rejects.toMatchObject({ status: 401 });
  });

  it('pushes the customer’s order PENDING then CONFIRMED, in version order; another customer is refused and told nothing', async () => {
    const adaClient = await connect(await ada.idToken('web'));
    // Bob signs in with the mobile app: either app's users may connect.
    const bobClient = await connect(await bob.idToken('mobile'));
    // A slow provider keeps the order PENDING while its customer subscribes.
    await provider.behave({ latencyMs: 2_000, failureRate: 0 });
    let orderId: string;
    try {
      orderId = await placeOrder(ada);
      adaClient.send({ action: 'subscribe', orderId });
      bobClient.send({ action: 'subscribe', orderId });
      await expect(adaClient.next((m) => m.type === 'subscribed')).resolves.toEqual({
        type: 'subscribed',
        orderId,
      });
      await expect(bobClient.next((m) => m.type === 'error')).resolves.toEqual({
        type: 'error',
        error: 'order-not-found',
        message: expect.any(String),
        orderId,
      });
      const pending = await adaClient.next((m) => m.type === 'order.updated');
      expect(pending).toMatchObject({
        type: 'order.updated',
        data: { orderId, customerId: ada.customerId, status: 'PENDING', version: 1 },
      });
    } finally {
      await provider.behave({ latencyMs: 0, failureRate: 0 });
    }
    const confirmed = await adaClient.next(
      (m) => m.type === 'order.updated' && m.data.status === 'CONFIRMED',
      45_000,
    );
    expect(confirmed).toMatchObject({ data: { orderId, status: 'CONFIRMED', total: 10, currency: 'EUR' } });
    // Every view in version order, each version once, the last one the order as its API answers it.
    const versions = adaClient.updates(orderId).map((view) => view.version);
    expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b));
    const asRead = await appCall('web', 'GET', `me/orders/${orderId}`, { token: await ada.idToken('web') });
    expect(adaClient.updates(orderId).at(-1)).toEqual(asRead.json<{ order: unknown }>().order);
    // Bob never learnt anything of Ada's order.
    expect(bobClient.messages).toEqual([
      expect.objectContaining({ type: 'error', error: 'order-not-found' }),
    ]);
  });

  it('refuses an order that does not exist and a message it does not take, on the socket', async () => {
    const client = await connect(await bob.idToken('web'));
    client.send({ action: 'subscribe', orderId: randomUUID() });
    await expect(client.next((m) => m.type === 'error')).resolves.toMatchObject({ error: 'order-not-found' });
    client.send({ action: 'dance' });
    await expect(client.next((m) => m.type === 'error', 30_000, 1)).resolves.toMatchObject({
      error: 'bad-request',
    });
  });
});
