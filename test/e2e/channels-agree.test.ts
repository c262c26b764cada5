import { randomUUID } from 'node:crypto';
import type { OrderViewAnswer } from '../../lambdas/orders/contract';
import { SAMPLE_ORDER } from '../fixtures/orders';
import { verified, WebhookReceiver } from '../helpers/webhook-receiver';
import { type AppUser, appCall, newAppUser } from './app-users';
import { call, eventually } from './public-api';
import { PushClient } from './push-client';

/**
 * One order-status contract, four channels: the same orders followed at once by polling (`GET /orders/{id}`
 * with `If-None-Match`), by signed callback and by WebSocket push (the apps' view is checked in their own
 * suite). Each channel sees its statuses in version order, and where two channels saw the same version
 * they saw the same order, byte for byte; all end on the same final status. Polling and push both read
 * the read model, so every version a poller saw was pushed too; a callback is sent for each final status.
 */
const { customerId: _ignored, ...MY_ORDER } = SAMPLE_ORDER;

interface Followed {
  readonly orderId: string;
  readonly secret: string;
  readonly callbackUrl: string;
  readonly polled: OrderViewAnswer[];
  /** What went wrong while polling (an answer neither 200 nor 304, a failed request), if anything. */
  readonly pollFailures: string[];
  stopPolling: () => void;
}

let user: AppUser;
let receiver: WebhookReceiver;
let push: PushClient;
let stocked: string;
const followed: Followed[] = [];

beforeAll(async () => {
  user = await newAppUser();
  receiver = await WebhookReceiver.start();
  push = await PushClient.connect(await user.idToken('web'));
  stocked = `AGREE-${randomUUID().slice(0, 8)}`;
  const set = await call('PUT', `inventory/${stocked}`, {
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ available: 100, unitPrice: 5 }),
  });
  expect(set.status).toBe(200);
});
afterAll(async () => {
  // A failed test leaves its pollers running: stop them before the cloud goes away under them.
  for (const order of followed) order.stopPolling();
  await push?.close();
  await receiver?.close();
});

/** Places an order through the web app with a callback URL, subscribes to it, and starts polling it. */
async function follow(sku: string): Promise<Followed> {
  const callbackUrl = receiver.endpoint('agree');
  const placed = await appCall('web', 'POST', 'me/orders', {
    token: await user.idToken('web'),
    headers: { 'Idempotency-Key': randomUUID() },
    body: { ...MY_ORDER, items: [{ sku, quantity: 1 }], callbackUrl },
  });
  expect(placed.status).toBe(202);
  const { orderId, callbackSecret } = placed.json<{ orderId: string; callbackSecret: string }>();
  push.send({ action: 'subscribe', orderId });
  const polled: OrderViewAnswer[] = [];
  const pollFailures: string[] = [];
  let polling = true;
  // Runs beside the test, so it records what goes wrong for the test to assert, rather than throwing
  // where nothing awaits it.
  void (async () => {
    let etag: string | null = null;
    while (polling) {
      try {
        const answer = await call(
          'GET',
          `orders/${orderId}`,
          etag ? { headers: { 'If-None-Match': etag } } : {},
        );
        if (answer.status === 200) {
          polled.push(answer.json<OrderViewAnswer>());
          etag = answer.headers.get('etag');
        } else if (answer.status !== 304) pollFailures.push(`${answer.status} ${answer.text}`);
      } catch (error) {
        if (polling) pollFailures.push(String(error));
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const order: Followed = {
    orderId,
    secret: callbackSecret,
    callbackUrl,
    polled,
    pollFailures,
    stopPolling: () => (polling = false),
  };
  followed.push(order);
  return order;
}

const settledAs = (order: Followed, status: string, callbacks: number) =>
  eventually(async () => {
    const last = order.polled.at(-1);
    const pushed = push.updates(order.orderId).at(-1);
    return last?.status === status &&
      pushed?.status === status &&
      receiver.to(order.callbackUrl).length >= callbacks
      ? true
      : undefined;
  }, 60_000);

/** `part` in `whole`, in the same order, gaps allowed (a poller may miss a change the push did not). */
const isSubsequence = (part: readonly string[], whole: readonly string[]) => {
  let at = 0;
  for (const item of whole) if (item === part[at]) at++;
  return at === part.length;
};

/** The versions a channel saw, and what they would be in version order without repeats. */
const versionOrder = (channel: string, views: readonly OrderViewAnswer[]) => {
  const versions = views.map((view) => view.version);
  return {
    seen: { channel, versions },
    expected: { channel, versions: [...new Set(versions)].sort((a, b) => a - b) },
  };
};

describe('the order-status channels agree', () => {
  it('polling, callbacks and WebSocket push see the same statuses, in version order, for a confirmed, a rejected and a cancelled order', async () => {
    const confirmed = await follow(stocked);
    const rejected = await follow(`NONE-${randomUUID().slice(0, 8)}`);
    const cancelled = await follow(stocked);
    await settledAs(confirmed, 'CONFIRMED', 1);
    await settledAs(rejected, 'REJECTED', 1);
    await settledAs(cancelled, 'CONFIRMED', 1);
    const cancel = await call('POST', `orders/${cancelled.orderId}/cancel`, {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ reason: 'changed my mind' }),
    });
    expect(cancel.status).toBe(202);
    await settledAs(cancelled, 'CANCELLED', 2);

    for (const [order, finals] of [
      [confirmed, ['CONFIRMED']],
      [rejected, ['REJECTED']],
      [cancelled, ['CONFIRMED', 'CANCELLED']],
    ] as const) {
      order.stopPolling();
      const pushed = push.updates(order.orderId);
      const called = receiver
        .to(order.callbackUrl)
        .map((delivery) => verified<{ type: string; data: OrderViewAnswer }>(delivery, order.secret));
      expect(order.pollFailures).toEqual([]);
      // Each channel in version order, each version once.
      for (const [channel, views] of [
        ['polling', order.polled],
        ['push', pushed],
        ['callbacks', called.map((c) => c.data)],
      ] as const) {
        const { seen, expected } = versionOrder(channel, views);
        expect(seen).toEqual(expected);
      }
      // The callbacks are the final statuses, one each, in order.
      expect(called.map((c) => c.data.status)).toEqual(finals);
      expect(called.map((c) => c.type)).toEqual(finals.map((status) => `order.${status.toLowerCase()}`));
      // Every version seen by two channels is the same order in both.
      const byVersion = new Map(pushed.map((view) => [view.version, view]));
      for (const view of [...order.polled, ...called.map((c) => c.data)]) {
        const same = byVersion.get(view.version);
        expect(same).toBeDefined();
        expect(same).toEqual(view);
      }
      // The same statuses, where they overlap, and the same end.
      const statuses = (views: OrderViewAnswer[]) =>
        views.map((v) => v.status).filter((s, i, all) => s !== all[i - 1]);
      expect(isSubsequence(statuses(order.polled), statuses(pushed))).toBe(true);
      expect(pushed.at(-1)).toEqual(order.polled.at(-1));
      expect(pushed.at(-1)).toEqual(called.at(-1)?.data);
    }
  });
});
