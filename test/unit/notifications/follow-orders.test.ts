import { Webhook } from 'standardwebhooks';
import type { DeliveryOutcome, WebhookRequest } from '../../../lambdas/notifications/ports/webhook-sender';
import type { DeliveryDeps } from '../../../lambdas/notifications/use-cases/deliver-callback';
import { notificationReactions } from '../../../lambdas/notifications/use-cases/follow-orders';
import { callbackSecretFor } from '../../../lambdas/orders/contract';
import type { ConsumedEvent } from '../../../lambdas/shared/choreography/consumed-event';
import { RetryLater } from '../../../lambdas/shared/choreography/event-consumer';
import { InMemoryCallbackRegistry } from '../../helpers/in-memory-callback-registry';

const ORDER = '3f2b8c1e-9a4d-4e7b-8f6a-2c5d1e0b9a87';
const KEY = 'k'.repeat(64);
const URL_ = 'https://hooks.example/orders';

function world(answers: Array<number | undefined> = []) {
  const registry = new InMemoryCallbackRegistry();
  const sent: WebhookRequest[] = [];
  const asked: string[] = [];
  const deps: DeliveryDeps = {
    registry,
    orders: {
      viewAsOf: async (orderId, asOf) => {
        asked.push(asOf);
        return {
          orderId,
          customerId: 'cus_1',
          status: 'CONFIRMED',
          items: [{ sku: 'BOOK-42', quantity: 1 }],
          total: 25,
          currency: 'EUR',
          version: 3,
          createdAt: '2026-12-05T10:00:00.000Z',
          updatedAt: asOf,
        };
      },
    },
    sender: {
      send: async (request): Promise<DeliveryOutcome> => {
        sent.push(request);
        const status = answers.shift();
        return status === undefined
          ? { error: 'no answer within 10000 ms', durationMs: 10_000 }
          : { status, durationMs: 12 };
      },
    },
    signingKey: async () => KEY,
    retrySchedule: [5, 300],
    // The attempt's own time: the verifier checks it against its clock.
    now: () => new Date(),
    random: () => 0.5,
  };
  const react = notificationReactions(deps);
  const on = (event: ConsumedEvent) => {
    const reaction = react[event.type];
    if (reaction === undefined) throw new Error(`no reaction to ${event.type}`);
    return reaction(event);
  };
  return { registry, sent, asked, on };
}

const placed = (callbackUrl?: string): ConsumedEvent => ({
  source: 'shop.orders',
  type: 'OrderPlaced',
  metadata: meta('evt_placed', 1),
  data: { orderId: ORDER, ...(callbackUrl ? { callbackUrl } : {}) },
  attempt: 1,
});
const confirmed = (eventId = 'evt_confirmed'): ConsumedEvent => ({
  source: 'shop.orders',
  type: 'OrderConfirmed',
  metadata: meta(eventId, 3),
  data: { total: 25 },
  attempt: 1,
});
function meta(eventId: string, streamVersion: number) {
  return {
    eventId,
    correlationId: 'corr-1',
    causationId: 'cause',
    schemaVersion: 1,
    occurredAt: '2026-12-05T10:00:04.000Z',
    streamId: ORDER,
    streamVersion,
  };
}

describe('the notifications service following the orders', () => {
  it('delivers a final status, signed with the order secret, with the order as of the event', async () => {
    const { on, sent, asked, registry } = world([200]);
    expect(await on(placed(URL_))).toBe('callback registered');
    expect(await on(confirmed())).toBe('delivered');
    const [request] = sent as [WebhookRequest];
    expect(request.url).toBe(URL_);
    const body = new Webhook(callbackSecretFor(KEY, ORDER)).verify(request.body, { ...request.headers });
    expect(body).toMatchObject({
      type: 'order.confirmed',
      timestamp: '2026-12-05T10:00:04.000Z',
      data: { orderId: ORDER, status: 'CONFIRMED' },
    });
    expect(request.headers['webhook-id']).toBe('evt_confirmed');
    expect(asked).toEqual(['2026-12-05T10:00:04.000Z']);
    expect(await registry.attempts(ORDER)).toEqual([
      expect.objectContaining({
        webhookId: 'evt_confirmed',
        type: 'order.confirmed',
        attempt: 1,
        status: 200,
        outcome: 'delivered',
      }),
    ]);
  });

  it('sends nothing for an order placed without a callbackUrl', async () => {
    const { on, sent } = world();
    await on(placed());
    expect(await on(confirmed())).toBe('no callbackUrl');
    expect(sent).toEqual([]);
  });

  it('waits for an OrderPlaced that comes after the final status (reordered delivery)', async () => {
    const { on, sent } = world([200]);
    await expect(on(confirmed())).rejects.toEqual(expect.any(RetryLater));
    await on(placed(URL_));
    expect(await on(confirmed())).toBe('delivered');
    expect(sent).toHaveLength(1);
  });

  it('retries on the schedule with jitter under one webhook-id, then says the attempts are spent', async () => {
    const { on, sent, registry } = world([500, undefined, 502]);
    await on(placed(URL_));
    await expect(on(confirmed())).rejects.toMatchObject({ name: 'RetryLater', delaySeconds: 5 });
    await expect(on(confirmed())).rejects.toMatchObject({ name: 'RetryLater', delaySeconds: 300 });
    await expect(on(confirmed())).rejects.toMatchObject({
      name: 'RetryLater',
      delaySeconds: 0,
      message: expect.stringMatching(/spent/),
    });
    // A redelivery after the last attempt sends nothing more: the queue takes it to the DLQ.
    await expect(on(confirmed())).rejects.toMatchObject({ name: 'RetryLater', message: 'attempts spent' });
    expect(sent.map((r) => r.headers['webhook-id'])).toEqual([
      'evt_confirmed',
      'evt_confirmed',
      'evt_confirmed',
    ]);
    expect((await registry.attempts(ORDER)).map((a) => [a.attempt, a.status ?? a.error, a.outcome])).toEqual([
      [1, 500, 'retrying'],
      [2, 'no answer within 10000 ms', 'retrying'],
      [3, 502, 'failed'],
    ]);
  });

  it('stops at a 410, and sends nothing more to that URL, for this order or another', async () => {
    const { on, sent, registry } = world([410]);
    await on(placed(URL_));
    expect(await on(confirmed())).toBe('gone');
    expect(await on(confirmed('evt_cancelled'))).toMatch(/410/);
    expect(sent).toHaveLength(1);
    expect(registry.gone.has(URL_)).toBe(true);
  });

  it('keeps the last final status for a replay, and a redelivered OrderPlaced does not forget it', async () => {
    const { on, registry } = world([200]);
    await on(placed(URL_));
    await on(confirmed());
    await on(placed(URL_));
    expect((await registry.registration(ORDER))?.lastFinal).toMatchObject({
      eventId: 'evt_confirmed',
      type: 'OrderConfirmed',
    });
  });

  it('refuses an event that names no order (it goes to the DLQ)', async () => {
    const { on } = world();
    const { streamId: _, ...metadata } = confirmed().metadata;
    await expect(on({ ...confirmed(), metadata })).rejects.toThrow(/names no order/);
  });
});
