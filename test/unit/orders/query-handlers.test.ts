import type { APIGatewayProxyResult } from 'aws-lambda';
import type { Order } from '../../../lambdas/orders/domain/order';
import { toOrderView } from '../../../lambdas/orders/domain/order-view';
import { getOrderHandler } from '../../../lambdas/orders/handlers/get-order-handler';
import { getOrderHistoryHandler } from '../../../lambdas/orders/handlers/get-order-history-handler';
import { listCustomerOrdersHandler } from '../../../lambdas/orders/handlers/list-customer-orders-handler';
import { parseAsOf } from '../../../lambdas/orders/schemas/as-of';
import { executeOrderCommand } from '../../../lambdas/orders/use-cases/execute-command';
import { OrderRepository } from '../../../lambdas/orders/use-cases/order-repository';
import { placeOrder } from '../../../lambdas/orders/use-cases/place-order';
import { InvalidRequestError } from '../../../lambdas/shared/errors';
import { encodeCursor } from '../../../lambdas/shared/http/pagination';
import { SAMPLE_ORDER } from '../../fixtures/orders';
import { apiEvent, lambdaContext } from '../../helpers/api-gateway-event';
import { InMemoryCustomerDirectory } from '../../helpers/in-memory-customer-directory';
import { InMemoryEventStore, InMemorySnapshotStore } from '../../helpers/in-memory-event-store';
import { InMemoryOrderViews } from '../../helpers/in-memory-order-views';

async function world() {
  const eventStore = new InMemoryEventStore();
  const views = new InMemoryOrderViews();
  const orders = new OrderRepository(eventStore, new InMemorySnapshotStore<Order>(), {
    snapshotEvery: 50,
    writeSnapshots: true,
  });
  let n = 0;
  let now = '2026-04-01T10:00:00.000Z';
  const ids = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  const customers = new InMemoryCustomerDirectory([SAMPLE_ORDER.customerId]);
  const deps = { eventStore, views, orders, customers, now: () => new Date(now), newId: ids };
  const { orderId } = await placeOrder(deps, SAMPLE_ORDER, { correlationId: 'c', causationId: 'c' });
  now = '2026-04-01T11:00:00.000Z';
  for (const note of ['a', 'b', 'c', 'd', 'e']) {
    await executeOrderCommand(
      orders,
      orderId,
      { type: 'AddNote', author: 'x', note },
      { ...deps, correlationId: 'c', causationId: 'c' },
    );
  }
  await project(deps, orderId);
  return { deps, orderId };
}

/** The read model caught up with the order's events (the projector's work, done here at once). */
async function project(deps: Awaited<ReturnType<typeof world>>['deps'], orderId: string): Promise<void> {
  const { state } = await deps.orders.load(orderId);
  if (state === undefined) throw new Error(`no order ${orderId}`);
  const current = await deps.views.get(orderId);
  await deps.views.put(toOrderView(state), current?.version ?? 0);
}

const body = (result: APIGatewayProxyResult) => JSON.parse(result.body);

describe('GET /orders/{orderId}', () => {
  it('answers from the read model with an ETag of the version', async () => {
    const { deps, orderId } = await world();
    const result = await getOrderHandler(deps)(
      apiEvent({ method: 'GET', resource: '/orders/{orderId}', pathParameters: { orderId } }),
      lambdaContext('get-order'),
    );
    expect(result.statusCode).toBe(200);
    expect(result.headers?.ETag).toBe('W/"6"');
    expect(body(result)).toMatchObject({ orderId, version: 6, currency: 'EUR', status: 'PENDING' });
    expect(body(result)).not.toHaveProperty('paymentToken');
  });

  it('answers 304 without a body to a poller whose ETag is current, and 200 once the order moved on', async () => {
    const { deps, orderId } = await world();
    const get = (ifNoneMatch: string) =>
      getOrderHandler(deps)(
        apiEvent({
          method: 'GET',
          resource: '/orders/{orderId}',
          pathParameters: { orderId },
          headers: { 'If-None-Match': ifNoneMatch },
        }),
        lambdaContext('get-order'),
      );
    const unchanged = await get('W/"6"');
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.body).toBe('');
    expect(unchanged.headers).toMatchObject({ ETag: 'W/"6"', 'Retry-After': '1' });
    expect(unchanged.headers).not.toHaveProperty('Content-Type');
    const moved = await get('W/"5"');
    expect(moved.statusCode).toBe(200);
    expect(body(moved)).toMatchObject({ orderId, version: 6 });
  });

  it('tells a poller of a PENDING order when to ask again, and not one of a settled or past view', async () => {
    const { deps, orderId } = await world();
    const read = (query?: Record<string, string>) =>
      getOrderHandler(deps)(
        apiEvent({
          method: 'GET',
          resource: '/orders/{orderId}',
          pathParameters: { orderId },
          ...(query ? { query } : {}),
        }),
        lambdaContext('get-order'),
      );
    expect((await read()).headers?.['Retry-After']).toBe('1');
    expect((await read({ asOf: '2026-04-01T10:30:00Z' })).headers).not.toHaveProperty('Retry-After');
    await executeOrderCommand(
      deps.orders,
      orderId,
      { type: 'ConfirmOrder', total: 10 },
      { ...deps, correlationId: 'c', causationId: 'c' },
    );
    await project(deps, orderId);
    const confirmed = await read();
    expect(body(confirmed)).toMatchObject({ status: 'CONFIRMED' });
    expect(confirmed.headers).not.toHaveProperty('Retry-After');
  });

  it.each([
    ['before the order existed', '2026-04-01T09:59:59Z', 404, undefined],
    ['right after it was placed', '2026-04-01T10:30:00+00:00', 200, 1],
    ['in another offset', '2026-04-01T13:00:00+02:00', 200, 6],
    ['malformed', 'yesterday', 400, undefined],
    ['a date without a time', '2026-04-01', 400, undefined],
    ['an impossible date', '2026-02-30T00:00:00Z', 400, undefined],
  ])('asOf %s -> %s', async (_, asOf, status, version) => {
    const { deps, orderId } = await world();
    const result = await getOrderHandler(deps)(
      apiEvent({
        method: 'GET',
        resource: '/orders/{orderId}',
        pathParameters: { orderId },
        query: { asOf },
      }),
      lambdaContext('get-order'),
    );
    expect(result.statusCode).toBe(status);
    if (version !== undefined) expect(body(result).version).toBe(version);
    else expect(result.headers?.['Content-Type']).toBe('application/problem+json');
  });
});

describe('parseAsOf', () => {
  it('normalises any offset to the UTC millisecond form events are stamped with', () => {
    expect(parseAsOf('2026-04-01T12:00:00.5+02:00')).toBe('2026-04-01T10:00:00.500Z');
    expect(() => parseAsOf('2026-04-01T24:00:00Z')).toThrow(InvalidRequestError);
  });
});

describe('GET /orders/{orderId}/history', () => {
  const history = (
    deps: Awaited<ReturnType<typeof world>>['deps'],
    orderId: string,
    query: Record<string, string> = {},
  ) =>
    getOrderHistoryHandler(deps)(
      apiEvent({
        method: 'GET',
        resource: '/orders/{orderId}/history',
        pathParameters: { orderId },
        query: query,
      }),
      lambdaContext('history'),
    );

  it('walks the whole history with its cursors, oldest first, and the last page has none', async () => {
    const { deps, orderId } = await world();
    const versions: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = body(await history(deps, orderId, { limit: '4', ...(cursor ? { cursor } : {}) }));
      versions.push(...page.items.map((item: { version: number }) => item.version));
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== undefined);
    expect(versions).toEqual([1, 2, 3, 4, 5, 6]);
    expect(pages).toBe(2);
  });

  it.each<[string, (orderId: string) => Record<string, string>]>([
    ['a limit of 0', () => ({ limit: '0' })],
    ['a limit over 100', () => ({ limit: '101' })],
    ['a non-numeric limit', () => ({ limit: 'ten' })],
    ['garbage for a cursor', () => ({ cursor: '!!!' })],
    ['a cursor that is not JSON', () => ({ cursor: Buffer.from('nope').toString('base64url') })],
    ['a cursor of another order', () => ({ cursor: encodeCursor({ o: 'other', v: 2 }) })],
    ['a cursor with a bad version', (orderId) => ({ cursor: encodeCursor({ o: orderId, v: -1 }) })],
  ])('refuses %s with 400', async (_, query) => {
    const { deps, orderId } = await world();
    const result = await history(deps, orderId, query(orderId));
    expect(result.statusCode).toBe(400);
    expect(body(result)).toMatchObject({
      status: 400,
      type: 'https://shop.example/problems/invalid-request',
    });
  });

  it('404s an order id that is not ours or does not exist', async () => {
    const { deps } = await world();
    expect((await history(deps, 'not-a-uuid')).statusCode).toBe(404);
    expect((await history(deps, '00000000-0000-4000-8000-999999999999')).statusCode).toBe(404);
  });
});

describe('GET /customers/{customerId}/orders', () => {
  it('pages the read model newest first and refuses a cursor of another customer', async () => {
    const views = new InMemoryOrderViews();
    // Order ids as we mint them: a cursor carries one and is refused if it is anything else.
    const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
    for (const n of [1, 2, 3]) {
      await views.put(
        {
          orderId: id(n),
          customerId: 'c-1',
          status: 'PENDING',
          items: [],
          total: null,
          currency: 'EUR',
          version: 1,
          createdAt: `2026-01-0${n}T00:00:00.000Z`,
          updatedAt: `2026-01-0${n}T00:00:00.000Z`,
        },
        0,
      );
    }
    const list = (customerId: string, query: Record<string, string> = {}) =>
      listCustomerOrdersHandler({ views })(
        apiEvent({
          method: 'GET',
          resource: '/customers/{customerId}/orders',
          pathParameters: { customerId },
          query: query,
        }),
        lambdaContext('list'),
      );
    const first = body(await list('c-1', { limit: '2' }));
    expect(first.items.map((o: { orderId: string }) => o.orderId)).toEqual([id(3), id(2)]);
    const second = body(await list('c-1', { limit: '2', cursor: first.nextCursor }));
    expect(second).toEqual({ items: [expect.objectContaining({ orderId: id(1) })] });
    expect((await list('c-2', { cursor: first.nextCursor })).statusCode).toBe(400);
    expect(body(await list('c-unknown'))).toEqual({ items: [] });
  });
});
