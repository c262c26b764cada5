import { randomUUID } from 'node:crypto';
import { ListQueuesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { SAMPLE_ORDER } from '../fixtures/orders';
import { type ReceivedWebhook, verified, WebhookReceiver } from '../helpers/webhook-receiver';
import { call, eventually, expectProblem, newCustomerId, placeOrder } from './public-api';

/**
 * Signed callbacks through the running system: an order placed with a `callbackUrl` gets its final status
 * POSTed there, signed by Standard Webhooks, which a real receiver verifies with the `standardwebhooks`
 * library. Its SKUs are never stocked, so each order is rejected OUT_OF_STOCK a moment after it is placed.
 */
interface Callback {
  type: string;
  timestamp: string;
  data: { orderId: string; status: string; version: number; rejectionReason?: string };
}
interface Attempt {
  webhookId: string;
  type: string;
  attempt: number;
  status?: number;
  outcome: string;
  durationMs: number;
  url: string;
}

let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await WebhookReceiver.start();
});
afterAll(() => receiver.close());

async function orderCallingBack(callbackUrl: string) {
  const placed = await placeOrder({ ...SAMPLE_ORDER, customerId: await newCustomerId(), callbackUrl });
  expect(placed.status).toBe(202);
  return placed.json<{ orderId: string; status: string; callbackSecret: string }>();
}

const deliveriesTo = (url: string, count: number, timeoutMs = 30_000) =>
  eventually(async () => {
    const got = receiver.to(url);
    return got.length >= count ? got : undefined;
  }, timeoutMs);

/** The order's attempts; undefined while its OrderPlaced has not reached the notifications service. */
const historyOf = async (orderId: string): Promise<Attempt[] | undefined> => {
  const history = await call('GET', `orders/${orderId}/callbacks`);
  if (history.status === 404) return undefined;
  expect(history.status).toBe(200);
  return history.json<{ items: Attempt[] }>().items;
};

describe('signed callbacks (Standard Webhooks)', () => {
  it('delivers the final status, signed with the secret the 202 returned, which a replay of the key returns again', async () => {
    const url = receiver.endpoint('once');
    const key = randomUUID();
    const body = { ...SAMPLE_ORDER, customerId: await newCustomerId(), callbackUrl: url };
    const placed = await placeOrder(body, key);
    expect(placed.status).toBe(202);
    const { orderId, callbackSecret } = placed.json<{ orderId: string; callbackSecret: string }>();
    expect(callbackSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    const [delivery] = (await deliveriesTo(url, 1)) as [ReceivedWebhook];
    const callback = verified<Callback>(delivery, callbackSecret);
    expect(callback).toEqual({
      type: 'order.rejected',
      timestamp: expect.any(String),
      data: expect.objectContaining({
        orderId,
        status: 'REJECTED',
        rejectionReason: 'OUT_OF_STOCK',
        version: 2,
      }),
    });
    expect(delivery.headers['webhook-signature']).toMatch(/^v1,/);
    // One byte changed, and the verifier refuses it.
    expect(() =>
      verified({ ...delivery, body: delivery.body.replace('REJECTED', 'CONFIRMED') }, callbackSecret),
    ).toThrow();

    const again = await placeOrder(body, key);
    expect(again.status).toBe(202);
    expect(again.json()).toEqual({ orderId, status: 'PENDING', callbackSecret });
  });

  it('retries a failing receiver under the same webhook-id until it answers, and lists every attempt', async () => {
    const url = receiver.endpoint('flaky', [500, 503]);
    const { orderId, callbackSecret } = await orderCallingBack(url);
    const deliveries = await deliveriesTo(url, 3);
    expect(new Set(deliveries.map((d) => d.headers['webhook-id'])).size).toBe(1);
    for (const delivery of deliveries)
      expect(verified<Callback>(delivery, callbackSecret).data.orderId).toBe(orderId);
    // Backed off: the retries came a second or more apart (the local stage's schedule).
    expect(
      (deliveries[1] as ReceivedWebhook).receivedAt - (deliveries[0] as ReceivedWebhook).receivedAt,
    ).toBeGreaterThanOrEqual(500);

    const attempts = await eventually(async () => {
      const items = await historyOf(orderId);
      return items && items.length >= 3 ? items : undefined;
    });
    expect(attempts.map((a) => [a.attempt, a.status, a.outcome])).toEqual([
      [1, 500, 'retrying'],
      [2, 503, 'retrying'],
      [3, 200, 'delivered'],
    ]);
    expect(attempts.every((a) => a.webhookId === deliveries[0]?.headers['webhook-id'] && a.url === url)).toBe(
      true,
    );
  });

  it('stops calling a URL that answered 410 Gone, for this order and the next', async () => {
    const url = receiver.endpoint('gone', [410]);
    const first = await orderCallingBack(url);
    await deliveriesTo(url, 1);
    const second = await orderCallingBack(url);
    await eventually(async () => {
      const view = (await call('GET', `orders/${second.orderId}`)).json<{ status: string }>();
      return view.status === 'PENDING' ? undefined : view;
    });
    const firstAttempts = await eventually(async () => {
      const items = await historyOf(first.orderId);
      return items && items.length > 0 ? items : undefined;
    });
    expect(firstAttempts.map((a) => [a.status, a.outcome])).toEqual([[410, 'gone']]);
    // Give the second order's callback every chance to (wrongly) go out.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(receiver.to(url)).toHaveLength(1);
    expect(await historyOf(second.orderId)).toEqual([]);
  });

  it('replays the final status on request (non-production), recorded as one more attempt', async () => {
    const url = receiver.endpoint('replayed');
    const { orderId, callbackSecret } = await orderCallingBack(url);
    await deliveriesTo(url, 1);
    const replay = await call('POST', `orders/${orderId}/callbacks/replay`);
    expect(replay.status).toBe(200);
    expect(replay.json<Attempt>()).toMatchObject({ attempt: 2, status: 200, outcome: 'delivered' });
    const deliveries = await deliveriesTo(url, 2);
    expect(deliveries[1]?.headers['webhook-id']).toBe(deliveries[0]?.headers['webhook-id']);
    expect(verified<Callback>(deliveries[1] as ReceivedWebhook, callbackSecret).data.orderId).toBe(orderId);
  });

  it('refuses a callbackUrl the local stage does not call (plain http off this machine) with 400', async () => {
    const placed = await placeOrder({
      ...SAMPLE_ORDER,
      customerId: await newCustomerId(),
      callbackUrl: 'http://example.com/hook',
    });
    const problem = expectProblem(placed, 400) as { errors?: { path: string; message: string }[] };
    expect(problem.errors).toEqual([{ path: 'callbackUrl', message: expect.stringMatching(/https/) }]);
  });

  it('answers 404 for the callbacks of an order it never saw', async () => {
    expectProblem(await call('GET', `orders/${randomUUID()}/callbacks`), 404);
  });
});

describe('a receiver that never answers 2xx', () => {
  it('is tried on the whole schedule under one webhook-id, then the callback goes to the DLQ', async () => {
    const url = receiver.endpoint('down', new Array(20).fill(500));
    const { orderId } = await orderCallingBack(url);
    const attempts = await eventually(async () => {
      const items = await historyOf(orderId);
      return items?.some((a) => a.outcome === 'failed') ? items : undefined;
    }, 60_000);
    // The local stage's schedule: 7 waits, 8 attempts.
    expect(attempts.map((a) => a.outcome)).toEqual([...new Array(7).fill('retrying'), 'failed']);
    expect(new Set(attempts.map((a) => a.webhookId)).size).toBe(1);
    expect(receiver.to(url)).toHaveLength(8);
    if (awsEndpoint === undefined) return;
    const dead = await eventually(async () => {
      const bodies = await messagesIn(await notificationsDeadLetters());
      return bodies.find((body) => body.includes(orderId));
    }, 30_000);
    expect(JSON.parse(dead)).toMatchObject({
      'detail-type': 'OrderRejected',
      detail: { metadata: { streamId: orderId } },
    });
    expect(receiver.to(url)).toHaveLength(8);
  });
});

const awsEndpoint = process.env.E2E_AWS_ENDPOINT;
const sqs = () =>
  new SQSClient({
    endpoint: awsEndpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'e2e', secretAccessKey: 'e2e' },
  });

async function notificationsDeadLetters(): Promise<string> {
  const { QueueUrls = [] } = await sqs().send(new ListQueuesCommand({}));
  const found = QueueUrls.filter(
    (queueUrl) => /Notifications/.test(queueUrl) && /DeadLetters/.test(queueUrl),
  );
  expect(found).toHaveLength(1);
  return found[0] as string;
}

/** Peeks: the messages come back at once (visibility 0), so the DLQ keeps them. */
async function messagesIn(queueUrl: string): Promise<string[]> {
  const { Messages = [] } = await sqs().send(
    new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }),
  );
  return Messages.map((message) => message.Body ?? '');
}
