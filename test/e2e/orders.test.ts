import { randomUUID } from 'node:crypto';
import { SAMPLE_ORDER } from '../fixtures/orders';
import { output } from './target';

/**
 * Black-box: HTTP to the public API only, its URL from the outputs file. The same suite runs against the
 * local cloud (`npm test`), LocalStack and AWS (`E2E_TARGET`, `E2E_OUTPUTS_FILE`).
 */
const api = output('PublicApiUrl'); // ends with the stage and a slash, as API Gateway's URL does

async function call(
  method: string,
  route: string,
  init: { headers?: Record<string, string>; body?: string } = {},
) {
  const response = await fetch(new URL(route, api), { method, headers: init.headers, body: init.body });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: () => JSON.parse(text) as Record<string, unknown>,
  };
}

const placeOrder = (body: unknown, key: string | null = randomUUID(), extra: Record<string, string> = {}) =>
  call('POST', 'orders', {
    headers: { 'Content-Type': 'application/json', ...(key ? { 'Idempotency-Key': key } : {}), ...extra },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

function expectProblem(response: Awaited<ReturnType<typeof call>>, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = response.json();
  expect(problem).toMatchObject({
    type: expect.any(String),
    title: expect.any(String),
    detail: expect.any(String),
  });
  return problem;
}

describe('orders through the public API', () => {
  it('places an order (202 + Location) and reads it back as PENDING', async () => {
    const placed = await placeOrder(SAMPLE_ORDER, randomUUID(), { 'X-Correlation-Id': 'e2e-place-1' });
    expect(placed.status).toBe(202);
    expect(placed.headers.get('x-correlation-id')).toBe('e2e-place-1');
    const { orderId, status } = placed.json() as { orderId: string; status: string };
    expect(status).toBe('PENDING');
    expect(placed.headers.get('location')).toBe(`/orders/${orderId}`);

    const read = await call('GET', `orders/${orderId}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('x-correlation-id')).toBeTruthy();
    expect(read.json()).toMatchObject({
      orderId,
      status: 'PENDING',
      customerId: SAMPLE_ORDER.customerId,
      version: 1,
    });
  });

  it('answers a duplicate with the identical response and a conflicting duplicate with 422', async () => {
    const key = randomUUID();
    const first = await placeOrder(SAMPLE_ORDER, key);
    const again = await placeOrder(SAMPLE_ORDER, key);
    expect(again.status).toBe(first.status);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));

    const conflicting = await placeOrder({ ...SAMPLE_ORDER, items: [{ sku: 'OTHER-1', quantity: 9 }] }, key);
    expectProblem(conflicting, 422);
  });

  it.each([
    ['no Idempotency-Key', () => placeOrder(SAMPLE_ORDER, null)],
    ['malformed JSON', () => placeOrder('{"customerId":')],
    ['an unknown field', () => placeOrder({ ...SAMPLE_ORDER, coupon: 'FREE' })],
    ['empty items', () => placeOrder({ ...SAMPLE_ORDER, items: [] })],
    ['a zero quantity', () => placeOrder({ ...SAMPLE_ORDER, items: [{ sku: 'A-1', quantity: 0 }] })],
    ['a fractional quantity', () => placeOrder({ ...SAMPLE_ORDER, items: [{ sku: 'A-1', quantity: 2.5 }] })],
  ])('refuses %s with 400 problem+json', async (_, send) => {
    expectProblem(await send(), 400);
  });

  it('answers an unknown order and an unknown route with 404 problem+json', async () => {
    expectProblem(await call('GET', `orders/${randomUUID()}`), 404);
    expectProblem(await call('GET', 'no-such-route'), 404);
  });
});
