import { createHash, randomUUID } from 'node:crypto';
import { SAMPLE_ORDER } from '../fixtures/orders';
import { call, eventually, newCustomerId, placeOrder } from './public-api';
import { output } from './target';

/**
 * The orchestrated saga end to end, black-box: stock set through the inventory test hook, orders placed
 * and read through the public API, payments checked in the stub provider's own records. Serial (one file),
 * with the circuit-breaker case last: the breaker's state is shared by everything that pays.
 */
const provider = output('PaymentProviderUrl');
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

async function order(sku: string, overrides: { token?: string; country?: string } = {}): Promise<string> {
  const placed = await placeOrder({
    ...SAMPLE_ORDER,
    customerId: await newCustomerId(),
    items: [{ sku, quantity: 2 }],
    paymentToken: overrides.token ?? 'tok_ok',
    shippingAddress: { ...SAMPLE_ORDER.shippingAddress, country: overrides.country ?? 'GB' },
  });
  expect(placed.status).toBe(202);
  return placed.json<{ orderId: string }>().orderId;
}

/** The order once the saga has decided it (the read model moves from PENDING). */
const settled = (orderId: string) =>
  eventually(async () => {
    const view = (await call('GET', `orders/${orderId}`)).json<OrderView>();
    return view.status === 'PENDING' ? undefined : view;
  }, 45_000);

const stockOf = async (sku: string) =>
  (await call('GET', `inventory/${sku}`)).json<{ available: number; reserved: number }>();

/** The provider's record of the order's charge: its id follows from the key payments uses. */
async function chargeOf(orderId: string) {
  const chargeId = `ch_${createHash('sha256').update(`order-${orderId}-charge`).digest('hex').slice(0, 24)}`;
  const response = await fetch(new URL(`charges/${chargeId}`, provider));
  return response.status === 404
    ? undefined
    : ((await response.json()) as { status: string; refundedAmount: number });
}

describe('the place-order saga end to end', () => {
  it('confirms an order: priced, stock reserved, payment captured', async () => {
    const sku = await stocked(10, 4);
    const orderId = await order(sku);
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
      const orderId = await order(sku, overrides);
      await expect(settled(orderId)).resolves.toMatchObject({ status: 'REJECTED', rejectionReason: reason });
      expect(await stockOf(sku)).toEqual(expect.objectContaining({ available, reserved: 0 }));
      const charge = await chargeOf(orderId);
      if (reason === 'OUT_OF_STOCK') expect(charge).toBeUndefined();
      if (reason === 'PAYMENT_DECLINED') expect(charge).toMatchObject({ status: 'declined' });
      if (reason === 'SHIPPING_UNAVAILABLE')
        expect(charge).toMatchObject({ status: 'refunded', refundedAmount: 8 });
    },
  );

  it('opens the circuit while the provider fails (PAYMENT_UNAVAILABLE), fails fast while open, recovers through half-open', async () => {
    const behave = (body: unknown) =>
      fetch(new URL('admin/behaviour', provider), {
        method: 'PUT',
        headers: json,
        body: JSON.stringify(body),
      });
    expect((await behave({ latencyMs: 0, failureRate: 1 })).status).toBe(200);
    try {
      // Each order tries its charge three times: two failing orders pass the threshold of five.
      const sku = await stocked(100);
      for (const orderId of [await order(sku), await order(sku)]) {
        await expect(settled(orderId)).resolves.toMatchObject({
          status: 'REJECTED',
          rejectionReason: 'PAYMENT_UNAVAILABLE',
        });
      }
      // The provider is healthy again, but the circuit is open: the charge never reaches it.
      expect((await behave({ latencyMs: 0, failureRate: 0 })).status).toBe(200);
      const failedFast = await order(sku);
      await expect(settled(failedFast)).resolves.toMatchObject({
        status: 'REJECTED',
        rejectionReason: 'PAYMENT_UNAVAILABLE',
      });
      expect(await chargeOf(failedFast)).toBeUndefined();
      expect(await stockOf(sku)).toMatchObject({ available: 100, reserved: 0 });
      // After the open timeout (20 s) one probe goes through, succeeds and closes the circuit.
      await new Promise((resolve) => setTimeout(resolve, 21_000));
      const recovered = await order(sku);
      await expect(settled(recovered)).resolves.toMatchObject({ status: 'CONFIRMED' });
      expect(await chargeOf(recovered)).toMatchObject({ status: 'captured' });
    } finally {
      await behave({ latencyMs: 0, failureRate: 0 });
    }
  }, 150_000);
});
