import { createHash, randomUUID } from 'node:crypto';
import { SAGA_STYLES, type SagaStyle } from '../../lambdas/orders/contract';
import { SAMPLE_ORDER } from '../fixtures/orders';
import { StubProvider } from '../helpers/stub-provider';
import { call, eventually, expectProblem, newCustomerId, placeOrder } from './public-api';
import { readOutputs } from './target';

/**
 * The place-order saga end to end, in both styles (Step Functions orchestration, and the choreography of
 * the services' events over EventBridge and SQS), black-box: stock set through the inventory test hook, orders placed
 * and read through the public API, payments checked in the stub provider's own records. Serial (one file),
 * with the circuit-breaker case last: the breaker's state is shared by everything that pays.
 */
let provider: StubProvider;
beforeAll(async () => {
  provider = await StubProvider.of(readOutputs(), process.env.E2E_AWS_ENDPOINT);
});
const json = { 'Content-Type': 'application/json' };

interface OrderView {
  status: string;
  total: number | null;
  rejectionReason?: string;
}

async function stocked(available: number, unitPrice = 4): Promise<string> {
  const sku = `SAGA-${randomUUID().slice(0, 8)}`;
  const set = await call('PUT', `inventory/${sku}`, {
    headers: json,
    body: JSON.stringify({ available, unitPrice }),
  });
  expect(set.status).toBe(200);
  return sku;
}

async function order(
  sku: string,
  overrides: { token?: string; country?: string; sagaStyle?: SagaStyle } = {},
): Promise<string> {
  const placed = await placeOrder({
    ...SAMPLE_ORDER,
    sagaStyle: overrides.sagaStyle ?? 'orchestration',
    customerId: await newCustomerId(),
    items: [{ sku, quantity: 2 }],
    paymentToken: overrides.token ?? 'tok_ok',
    shippingAddress: { ...SAMPLE_ORDER.shippingAddress, country: overrides.country ?? 'GB' },
  });
  expect(placed.status).toBe(202);
  return placed.json<{ orderId: string }>().orderId;
}

/** The order once the saga has decided it (the read model moves from PENDING). */
const settled = (orderId: string, timeoutMs = 45_000) =>
  eventually(async () => {
    const view = (await call('GET', `orders/${orderId}`)).json<OrderView>();
    return view.status === 'PENDING' ? undefined : view;
  }, timeoutMs);

const stockOf = async (sku: string) =>
  (await call('GET', `inventory/${sku}`)).json<{ available: number; reserved: number }>();

/** The provider's record of the order's charge: its id follows from the key payments uses. */
async function chargeOf(orderId: string) {
  const chargeId = `ch_${createHash('sha256').update(`order-${orderId}-charge`).digest('hex').slice(0, 24)}`;
  return provider.charge(chargeId);
}

// One table of business scenarios, run against both styles: the same final view, stock and provider
// ledger whichever style fulfilled the order.
describe.each(SAGA_STYLES)('the place-order saga end to end (%s)', (sagaStyle) => {
  it('confirms an order: priced, stock reserved, payment captured', async () => {
    const sku = await stocked(10, 4);
    const orderId = await order(sku, { sagaStyle });
    await expect(settled(orderId)).resolves.toMatchObject({ status: 'CONFIRMED', total: 8 });
    expect(await stockOf(sku)).toMatchObject({ available: 8, reserved: 2 });
    expect(await chargeOf(orderId)).toMatchObject({ status: 'captured' });
  });

  it.each([
    ['OUT_OF_STOCK', 1, {}],
    ['PAYMENT_DECLINED', 10, { token: 'tok_declined' }],
    ['SHIPPING_UNAVAILABLE', 10, { country: 'XX' }],
  ])(
    'rejects with %s, giving the stock back and refunding what was captured',
    async (reason, available, overrides) => {
      const sku = await stocked(available);
      const orderId = await order(sku, { ...overrides, sagaStyle });
      await expect(settled(orderId)).resolves.toMatchObject({ status: 'REJECTED', rejectionReason: reason });
      expect(await stockOf(sku)).toEqual(expect.objectContaining({ available, reserved: 0 }));
      const charge = await chargeOf(orderId);
      if (reason === 'OUT_OF_STOCK') expect(charge).toBeUndefined();
      if (reason === 'PAYMENT_DECLINED') expect(charge).toMatchObject({ status: 'declined' });
      if (reason === 'SHIPPING_UNAVAILABLE')
        expect(charge).toMatchObject({ status: 'refunded', refundedAmount: 8 });
    },
  );

  it('cancels a confirmed order by choreography: shipment cancelled, payment refunded, stock released, CANCELLED; asking again answers the same', async () => {
    const sku = await stocked(10, 4);
    const orderId = await order(sku, { sagaStyle });
    await expect(settled(orderId)).resolves.toMatchObject({ status: 'CONFIRMED' });
    const cancel = () =>
      call('POST', `orders/${orderId}/cancel`, { headers: json, body: '{"reason":"changed my mind"}' });
    const first = await cancel();
    expect(first.status).toBe(202);
    expect(first.json()).toEqual({ orderId, status: 'CONFIRMED' });
    const cancelled = await eventually(async () => {
      const view = (await call('GET', `orders/${orderId}`)).json<OrderView>();
      return view.status === 'CANCELLED' ? view : undefined;
    }, 45_000);
    expect(cancelled).toMatchObject({ status: 'CANCELLED', total: 8 });
    expect(await stockOf(sku)).toMatchObject({ available: 10, reserved: 0 });
    expect(await chargeOf(orderId)).toMatchObject({ status: 'refunded', refundedAmount: 8 });
    const again = await cancel();
    expect(again.status).toBe(202);
    expect(again.json()).toEqual({ orderId, status: 'CANCELLED' });
    const history = (await call('GET', `orders/${orderId}/history`)).json<{
      items: Array<{ type: string }>;
    }>();
    expect(history.items.map(({ type }) => type)).toEqual([
      'OrderPlaced',
      'OrderConfirmed',
      'OrderCancellationRequested',
      'OrderCancelled',
    ]);
  });

  it('refuses to cancel a rejected order (409) and one still being decided (409, Retry-After)', async () => {
    const rejected = await order(await stocked(1), { sagaStyle });
    await expect(settled(rejected)).resolves.toMatchObject({ status: 'REJECTED' });
    expectProblem(await call('POST', `orders/${rejected}/cancel`), 409);
    // A slow provider keeps the order PENDING for a while.
    await provider.behave({ latencyMs: 1_500, failureRate: 0 });
    try {
      const pending = await order(await stocked(10), { sagaStyle });
      const refused = await call('POST', `orders/${pending}/cancel`);
      expectProblem(refused, 409);
      expect(refused.headers.get('retry-after')).toBe('5');
      await expect(settled(pending)).resolves.toMatchObject({ status: 'CONFIRMED' });
    } finally {
      await provider.behave({ latencyMs: 0, failureRate: 0 });
    }
  });
});

describe('cancelling an order that does not exist', () => {
  it('is 404', async () => {
    expectProblem(await call('POST', `orders/${randomUUID()}/cancel`), 404);
  });
});

describe('the place-order saga end to end when the provider fails', () => {
  it('opens the circuit while the provider fails, fails fast while open, settles the unknown charges by key once it recovers, and closes through half-open', async () => {
    await provider.behave({ latencyMs: 0, failureRate: 1 });
    const sku = await stocked(100);
    const waiting: string[] = [];
    let failedFast: string | undefined;
    try {
      // Each order tries its charge three times: two failing orders pass the threshold of five. Their
      // charges reached the provider and failed with a 5xx: an unknown outcome payments must settle by
      // key before rejecting, which cannot happen while the provider fails every request.
      waiting.push(await order(sku), await order(sku));
      // Once the circuit is open, an order is rejected PAYMENT_UNAVAILABLE although the provider still
      // fails: no charge ever left, so there is nothing to settle. Probe until one is (a probe that still
      // reached the provider waits with the others).
      const fast = await eventually(
        async () => {
          const probe = await order(sku);
          const view = await settled(probe, 12_000).catch(() => undefined);
          if (view === undefined) waiting.push(probe);
          return view === undefined ? undefined : { probe, view };
        },
        90_000,
        0,
      );
      expect(fast.view).toMatchObject({ status: 'REJECTED', rejectionReason: 'PAYMENT_UNAVAILABLE' });
      failedFast = fast.probe;
    } finally {
      await provider.behave({ latencyMs: 0, failureRate: 0 });
    }
    // (The provider's records are read once it answers again: every request pays its failure rate.)
    expect(await chargeOf(failedFast ?? '')).toBeUndefined();
    // The provider recovered: after the open time a settlement goes through as the half-open probe and
    // closes the circuit. Every waiting order is then rejected with nothing captured (never charged, or
    // voided by key), and all the stock is back.
    for (const orderId of waiting) {
      await expect(settled(orderId, 150_000)).resolves.toMatchObject({
        status: 'REJECTED',
        rejectionReason: 'PAYMENT_UNAVAILABLE',
      });
      const charge = await chargeOf(orderId);
      if (charge !== undefined) expect(charge).toMatchObject({ status: 'voided' });
    }
    expect(await stockOf(sku)).toMatchObject({ available: 100, reserved: 0 });
    const recovered = await order(sku);
    await expect(settled(recovered)).resolves.toMatchObject({ status: 'CONFIRMED' });
    expect(await chargeOf(recovered)).toMatchObject({ status: 'captured' });
  }, 300_000);
});
