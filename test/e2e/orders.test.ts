import { randomUUID } from 'node:crypto';
import type { PlaceOrderRequest } from '../../lambdas/orders/contract';
import { SAMPLE_ORDER } from '../fixtures/orders';
import { call, expectProblem, newCustomerId, placeOrder } from './public-api';

/**
 * Black-box: HTTP to the public API only, its URL from the outputs file. The same suite runs against the
 * local cloud (`npm test`), LocalStack and AWS (`E2E_TARGET`, `E2E_OUTPUTS_FILE`).
 */
describe('orders through the public API', () => {
  let order: PlaceOrderRequest;
  beforeAll(async () => {
    order = { ...SAMPLE_ORDER, customerId: await newCustomerId() };
  });

  it('places an order (202 + Location) and reads it back: PENDING at version 1 until the saga decides', async () => {
    const placed = await placeOrder(order, randomUUID(), { 'X-Correlation-Id': 'e2e-place-1' });
    expect(placed.status).toBe(202);
    expect(placed.headers.get('x-correlation-id')).toBe('e2e-place-1');
    const { orderId, status } = placed.json() as { orderId: string; status: string };
    expect(status).toBe('PENDING');
    expect(placed.headers.get('location')).toBe(`/orders/${orderId}`);

    const read = await call('GET', `orders/${orderId}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('x-correlation-id')).toBeTruthy();
    const view = read.json() as { orderId: string; customerId: string; status: string; version: number };
    expect(view).toMatchObject({ orderId, customerId: order.customerId });
    // Its SKUs are not stocked here: the saga rejects it a moment later, and may already have.
    expect([
      { status: 'PENDING', version: 1 },
      { status: 'REJECTED', version: 2 },
    ]).toContainEqual({ status: view.status, version: view.version });
  });

  it('answers a duplicate with the identical response and a conflicting duplicate with 422', async () => {
    const key = randomUUID();
    const first = await placeOrder(order, key);
    const again = await placeOrder(order, key);
    expect(again.status).toBe(first.status);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));

    const conflicting = await placeOrder({ ...order, items: [{ sku: 'OTHER-1', quantity: 9 }] }, key);
    expectProblem(conflicting, 422);
  });

  it.each([
    ['no Idempotency-Key', () => placeOrder(order, null)],
    ['malformed JSON', () => placeOrder('{"customerId":')],
    ['an unknown field', () => placeOrder({ ...order, coupon: 'FREE' })],
    ['empty items', () => placeOrder({ ...order, items: [] })],
    ['a zero quantity', () => placeOrder({ ...order, items: [{ sku: 'A-1', quantity: 0 }] })],
    ['a fractional quantity', () => placeOrder({ ...order, items: [{ sku: 'A-1', quantity: 2.5 }] })],
  ])('refuses %s with 400 problem+json', async (_, send) => {
    expectProblem(await send(), 400);
  });

  it('refuses an order for a customer the customers service does not know with 422, and keeps nothing', async () => {
    const key = randomUUID();
    const unknown = { ...order, customerId: 'cus_00000000000000000000000000000000' };
    const refused = expectProblem(await placeOrder(unknown, key), 422);
    expect(refused).toMatchObject({
      type: expect.stringMatching(/unprocessable-request$/),
      detail: expect.stringContaining('cus_00000000000000000000000000000000'),
    });
    // Not kept under the key either: once the body names a real customer, the same key places the order.
    const placed = await placeOrder({ ...order }, key);
    expect(placed.status).toBe(202);
  });

  it('answers an unknown order and an unknown route with 404 problem+json', async () => {
    expectProblem(await call('GET', `orders/${randomUUID()}`), 404);
    expectProblem(await call('GET', 'no-such-route'), 404);
  });
});
