import { randomUUID } from 'node:crypto';
import { SAMPLE_ORDER } from '../fixtures/orders';
import { call, eventually, expectProblem, newCustomerId, placeOrder } from './public-api';

/**
 * The read side through the public API: the read model fed by the stream (eventually consistent), the
 * history and asOf queries from the event store, and a customer's listing from the read model's index.
 */
interface OrderView {
  orderId: string;
  customerId: string;
  status: string;
  rejectionReason?: string;
  version: number;
  createdAt: string;
  currency: string;
}

async function placeFor(customerId: string): Promise<string> {
  const placed = await placeOrder({ ...SAMPLE_ORDER, customerId });
  expect(placed.status).toBe(202);
  return placed.json<{ orderId: string }>().orderId;
}

/** The customer's listing once the projection has caught up with `count` orders. */
/**
 * The customer's listing once the projection has caught up with `count` orders, all decided by the saga:
 * their SKUs are never stocked here, so each is rejected OUT_OF_STOCK a moment after it is placed.
 */
function settledListingOf(customerId: string, count: number) {
  return eventually(async () => {
    const page = await call('GET', `customers/${customerId}/orders`);
    expect(page.status).toBe(200);
    const body = page.json<{ items: OrderView[]; nextCursor?: string }>();
    return body.items.length >= count && body.items.every((o) => o.status !== 'PENDING') ? body : undefined;
  });
}

/** An order once the saga has decided it. */
const settled = (orderId: string) =>
  eventually(async () => {
    const view = (await call('GET', `orders/${orderId}`)).json<OrderView>();
    return view.status === 'PENDING' ? undefined : view;
  });

describe('order queries through the public API', () => {
  it('lists a customer orders newest first from the read model once projected, in pages', async () => {
    const customerId = await newCustomerId();
    const placed: string[] = [];
    for (let n = 0; n < 3; n++) placed.push(await placeFor(customerId));

    const all = await settledListingOf(customerId, 3);
    expect(all.items.map((o) => o.orderId)).toEqual([...placed].reverse());
    expect(all.nextCursor).toBeUndefined();
    expect(all.items[0]).toMatchObject({
      customerId,
      status: 'REJECTED',
      rejectionReason: 'OUT_OF_STOCK',
      version: 2,
      currency: 'EUR',
    });
    expect(JSON.stringify(all)).not.toContain(SAMPLE_ORDER.paymentToken);

    const first = await call('GET', `customers/${customerId}/orders?limit=2`);
    const firstPage = first.json<{ items: OrderView[]; nextCursor: string }>();
    expect(firstPage.items.map((o) => o.orderId)).toEqual([placed[2], placed[1]]);
    const second = await call('GET', `customers/${customerId}/orders?limit=2&cursor=${firstPage.nextCursor}`);
    expect(second.json()).toEqual({ items: [expect.objectContaining({ orderId: placed[0] })] });

    // The projected view and GET /orders/{id} agree.
    const read = await call('GET', `orders/${placed[0]}`);
    expect(read.json()).toEqual(all.items[2]);
    expect(read.headers.get('etag')).toBe('W/"2"');
  });

  it('answers a poller that already has the current version with a bodiless 304', async () => {
    const orderId = await placeFor(await newCustomerId());
    const pending = await call('GET', `orders/${orderId}`);
    // Right after the 202 the saga has not decided yet (or the view still lags): either way, ask again soon.
    if (pending.status === 200 && pending.json<OrderView>().status === 'PENDING')
      expect(pending.headers.get('retry-after')).toBe('1');
    await settled(orderId);
    const current = await call('GET', `orders/${orderId}`);
    const etag = current.headers.get('etag') as string;
    expect(etag).toBe('W/"2"');
    expect(current.headers.get('retry-after')).toBeNull();
    const unchanged = await call('GET', `orders/${orderId}`, { headers: { 'If-None-Match': etag } });
    expect(unchanged.status).toBe(304);
    expect(unchanged.text).toBe('');
    expect(unchanged.headers.get('etag')).toBe(etag);
    const stale = await call('GET', `orders/${orderId}`, { headers: { 'If-None-Match': 'W/"1"' } });
    expect(stale.status).toBe(200);
    expect(stale.json<OrderView>().status).toBe('REJECTED');
  });

  it('returns the history, oldest first, without the payment token', async () => {
    const orderId = await placeFor(await newCustomerId());
    await settled(orderId);
    const history = await call('GET', `orders/${orderId}/history`);
    expect(history.status).toBe(200);
    expect(history.json()).toEqual({
      items: [
        {
          type: 'OrderPlaced',
          version: 1,
          occurredAt: expect.any(String),
          data: expect.objectContaining({ orderId, currency: 'EUR', items: SAMPLE_ORDER.items }),
        },
        {
          type: 'OrderRejected',
          version: 2,
          occurredAt: expect.any(String),
          data: { reason: 'OUT_OF_STOCK' },
        },
      ],
    });
    expect(history.text).not.toContain(SAMPLE_ORDER.paymentToken);
  });

  it('rebuilds the order as of an instant: 404 before it existed, PENDING when placed, the later state after', async () => {
    const orderId = await placeFor(await newCustomerId());
    const { createdAt } = (await call('GET', `orders/${orderId}`)).json<OrderView>();
    const before = new Date(Date.parse(createdAt) - 1000).toISOString();

    expectProblem(await call('GET', `orders/${orderId}?asOf=${before}`), 404);
    const placed = await call('GET', `orders/${orderId}?asOf=${encodeURIComponent(createdAt)}`);
    expect(placed.status).toBe(200);
    expect(placed.json()).toMatchObject({ orderId, status: 'PENDING', version: 1, createdAt });
    // Its SKUs were never stocked, so the saga rejects it; asOf now sees what the read model sees.
    const decided = await settled(orderId);
    const now = await call('GET', `orders/${orderId}?asOf=${encodeURIComponent(new Date().toISOString())}`);
    expect(now.json()).toMatchObject({ status: decided.status, version: decided.version });
  });

  it.each([
    ['a malformed asOf', (id: string) => `orders/${id}?asOf=last-tuesday`],
    ['a malformed history cursor', (id: string) => `orders/${id}/history?cursor=not-ours`],
    ['a zero limit', (id: string) => `orders/${id}/history?limit=0`],
    ['a malformed listing cursor', () => `customers/someone/orders?cursor=${'x'.repeat(10)}`],
    ['a listing limit over 100', () => 'customers/someone/orders?limit=101'],
  ])('refuses %s with 400 problem+json', async (_, route) => {
    const orderId = await placeFor(await newCustomerId());
    expectProblem(await call('GET', route(orderId)), 400);
  });

  it('answers the history of an unknown order with 404', async () => {
    expectProblem(await call('GET', `orders/${randomUUID()}/history`), 404);
  });
});
