import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { retryDelaySeconds, verdictOf } from '../../../lambdas/notifications/domain/callback';
import { signedWebhookHeaders } from '../../../lambdas/notifications/domain/signed-webhook';
import { callbackSecretFor } from '../../../lambdas/orders/contract';

describe('a delivery attempt outcome', () => {
  it.each([
    [{ status: 200 }, 'delivered'],
    [{ status: 204 }, 'delivered'],
    [{ status: 299 }, 'delivered'],
    [{ status: 410 }, 'gone'],
    [{ status: 301 }, 'retry'],
    [{ status: 404 }, 'retry'],
    [{ status: 500 }, 'retry'],
    [{}, 'retry'],
  ])('%j -> %s', (outcome, verdict) => {
    expect(verdictOf(outcome)).toBe(verdict);
  });
});

describe('the retry schedule', () => {
  const schedule = [5, 300, 1800, 7200, 18000, 36000, 36000];

  it('waits the schedule give or take a fifth, and gives up after its last wait', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        (attempt, r) => {
          const base = schedule[attempt - 1] as number;
          const wait = retryDelaySeconds(schedule, attempt, () => r) as number;
          expect(wait).toBeGreaterThanOrEqual(Math.floor(base * 0.8));
          expect(wait).toBeLessThanOrEqual(Math.ceil(base * 1.2));
        },
      ),
    );
    expect(retryDelaySeconds(schedule, 8)).toBeUndefined();
  });

  it('spreads receivers that failed together', () => {
    const waits = new Set([0.1, 0.5, 0.9].map((r) => retryDelaySeconds(schedule, 3, () => r)));
    expect(waits.size).toBe(3);
  });
});

describe('the callback secret and signature', () => {
  const key = 'k'.repeat(64);

  it('derives a Standard Webhooks secret per order: the same for the same order, 32 bytes, another for another', () => {
    const secret = callbackSecretFor(key, 'order-1');
    expect(secret).toBe(callbackSecretFor(key, 'order-1'));
    expect(secret).not.toBe(callbackSecretFor(key, 'order-2'));
    expect(secret).not.toBe(callbackSecretFor('x'.repeat(64), 'order-1'));
    expect(Buffer.from(secret.replace(/^whsec_/, ''), 'base64')).toHaveLength(32);
  });

  it('signs so that the standardwebhooks verifier accepts it, and refuses any change', () => {
    const secret = callbackSecretFor(key, 'order-1');
    const body = JSON.stringify({ type: 'order.confirmed', data: { orderId: 'order-1' } });
    const headers = signedWebhookHeaders(secret, 'evt_1', new Date(), body);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
    expect(() => new Webhook(callbackSecretFor(key, 'order-2')).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify(body, { ...headers, 'webhook-id': 'evt_2' })).toThrow();
  });

  it('stamps each attempt with its own time, which the verifier checks', () => {
    const secret = callbackSecretFor(key, 'order-1');
    const old = signedWebhookHeaders(secret, 'evt_1', new Date(Date.now() - 10 * 60_000), '{}');
    expect(() => new Webhook(secret).verify('{}', old)).toThrow(/timestamp/i);
  });
});
