import type { PlaceOrderRequest } from '../../../lambdas/orders/contract';
import type { Order } from '../../../lambdas/orders/domain/order';
import { ConcurrencyConflictError } from '../../../lambdas/orders/ports/event-store';
import { executeOrderCommand } from '../../../lambdas/orders/use-cases/execute-command';
import { getOrder, getOrderAsOf, getOrderHistory } from '../../../lambdas/orders/use-cases/get-order';
import { OrderRepository } from '../../../lambdas/orders/use-cases/order-repository';
import { placeOrder } from '../../../lambdas/orders/use-cases/place-order';
import {
  ConflictError,
  NotFoundError,
  ServiceUnavailableError,
  UnprocessableError,
} from '../../../lambdas/shared/errors';
import type { Backoff } from '../../../lambdas/shared/resilience/backoff';
import { InMemoryCustomerDirectory } from '../../helpers/in-memory-customer-directory';
import { InMemoryEventStore, InMemorySnapshotStore, overriding } from '../../helpers/in-memory-event-store';
import { InMemoryOrderViews } from '../../helpers/in-memory-order-views';

const request: PlaceOrderRequest = {
  customerId: 'cust-1',
  items: [{ sku: 'SKU-1', quantity: 3 }],
  paymentToken: 'tok_ok',
  shippingAddress: { name: 'Ada', line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
};

const noWait: Omit<Backoff, 'maxAttempts'> = {
  baseDelayMs: 10,
  maxDelayMs: 200,
  sleep: async () => undefined,
  random: () => 0.5,
};

function setup(clock = '2026-03-01T12:00:00.000Z') {
  const eventStore = new InMemoryEventStore();
  const snapshots = new InMemorySnapshotStore<Order>();
  const views = new InMemoryOrderViews();
  const orders = new OrderRepository(eventStore, snapshots, { snapshotEvery: 3, writeSnapshots: true });
  let next = 0;
  let now = clock;
  const deps = {
    orders,
    customers: new InMemoryCustomerDirectory([request.customerId]),
    eventStore,
    views,
    now: () => new Date(now),
    newId: () => `id-${++next}`,
  };
  const context = (correlationId = 'corr') => ({ ...deps, correlationId, causationId: 'cause' });
  return { eventStore, snapshots, views, deps, context, setNow: (at: string) => (now = at) };
}

describe('placeOrder', () => {
  it('starts a new stream with OrderPlaced v2 (currency defaulted to EUR) and answers PENDING', async () => {
    const { eventStore, deps } = setup();
    const result = await placeOrder(deps, request, {
      correlationId: 'corr-1',
      causationId: 'idempotency-key:k1',
    });
    expect(result).toEqual({ orderId: 'id-1', status: 'PENDING' });
    expect(await eventStore.load('id-1')).toEqual([
      {
        aggregateId: 'id-1',
        version: 1,
        type: 'OrderPlaced',
        data: expect.objectContaining({ orderId: 'id-1', customerId: 'cust-1', currency: 'EUR' }),
        metadata: {
          eventId: 'id-2',
          correlationId: 'corr-1',
          causationId: 'idempotency-key:k1',
          schemaVersion: 2,
          occurredAt: '2026-03-01T12:00:00.000Z',
        },
      },
    ]);
  });

  it('never overwrites an existing stream when an id collides', async () => {
    const { eventStore, deps } = setup();
    await placeOrder(deps, request, { correlationId: 'c', causationId: 'c' });
    const colliding = { ...deps, newId: () => 'id-1' };
    await expect(
      placeOrder(colliding, request, { correlationId: 'c', causationId: 'c' }),
    ).rejects.toBeInstanceOf(ConcurrencyConflictError);
    expect(await eventStore.load('id-1')).toHaveLength(1);
  });

  it('refuses an order for a customer the customers service does not know (422), appending nothing', async () => {
    const { eventStore, deps } = setup();
    const customers = new InMemoryCustomerDirectory(['someone-else']);
    const refused = placeOrder({ ...deps, customers }, request, { correlationId: 'c', causationId: 'c' });
    await expect(refused).rejects.toBeInstanceOf(UnprocessableError);
    await expect(refused).rejects.toThrow(`Customer ${request.customerId} does not exist`);
    expect(customers.asked).toEqual([request.customerId]);
    expect(await eventStore.load('id-1')).toEqual([]); // the id a placed order would have had
  });

  it('lets an unavailable customers service fail the request as retryable, appending nothing', async () => {
    const { eventStore, deps } = setup();
    const customers = {
      exists: async () => {
        throw new ServiceUnavailableError('The customers service did not answer (TimeoutError).');
      },
    };
    await expect(
      placeOrder({ ...deps, customers }, request, { correlationId: 'c', causationId: 'c' }),
    ).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(await eventStore.load('id-1')).toEqual([]); // the id a placed order would have had
  });
});

describe('executeOrderCommand', () => {
  it('appends the decided events at the loaded version and returns the new state', async () => {
    const { deps, context, eventStore, setNow } = setup();
    const { orderId } = await placeOrder(deps, request, { correlationId: 'c', causationId: 'c' });
    setNow('2026-03-01T12:05:00.000Z');
    const result = await executeOrderCommand(
      deps.orders,
      orderId,
      { type: 'ConfirmOrder', total: 30 },
      context('c2'),
    );
    expect(result.order).toMatchObject({ status: 'CONFIRMED', total: 30, version: 2 });
    expect(result.appended.map((e) => [e.type, e.version, e.metadata.correlationId])).toEqual([
      ['OrderConfirmed', 2, 'c2'],
    ]);
    expect(await eventStore.load(orderId)).toHaveLength(2);
  });

  it('has no second effect when the command already took effect (a retried saga step)', async () => {
    const { deps, context, eventStore } = setup();
    const { orderId } = await placeOrder(deps, request, { correlationId: 'c', causationId: 'c' });
    await executeOrderCommand(
      deps.orders,
      orderId,
      { type: 'RejectOrder', reason: 'OUT_OF_STOCK' },
      context(),
    );
    const again = await executeOrderCommand(
      deps.orders,
      orderId,
      { type: 'RejectOrder', reason: 'OUT_OF_STOCK' },
      context(),
    );
    expect(again.appended).toEqual([]);
    expect(await eventStore.load(orderId)).toHaveLength(2);
  });

  it('never lets time run backwards in a stream, whatever the writer clock says', async () => {
    const { deps, context, eventStore, setNow } = setup();
    const { orderId } = await placeOrder(deps, request, { correlationId: 'c', causationId: 'c' });
    setNow('2026-02-01T00:00:00.000Z'); // a writer whose clock is a month behind
    await executeOrderCommand(deps.orders, orderId, { type: 'AddNote', author: 'a', note: 'n' }, context());
    const [placed, noted] = await eventStore.load(orderId);
    expect(noted?.metadata.occurredAt).toBe(placed?.metadata.occurredAt);
  });

  it('reloads and decides again after losing a race, and succeeds on the new state', async () => {
    const { deps, context, eventStore } = setup();
    const { orderId } = await placeOrder(deps, request, { correlationId: 'c', causationId: 'c' });
    // Another writer appends a note between this command's load and its append, once.
    let raced = false;
    const racing = overriding(eventStore, {
      async append(id, expected, events) {
        if (!raced) {
          raced = true;
          await executeOrderCommand(
            deps.orders,
            id,
            { type: 'AddNote', author: 'b', note: 'first' },
            context(),
          );
        }
        return eventStore.append(id, expected, events);
      },
    });
    const orders = new OrderRepository(racing, undefined, { snapshotEvery: 0, writeSnapshots: false });
    const sleeps: number[] = [];
    const result = await executeOrderCommand(orders, orderId, { type: 'ConfirmOrder', total: 5 }, context(), {
      ...noWait,
      maxAttempts: 3,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    expect(result.order).toMatchObject({ status: 'CONFIRMED', version: 3, noteCount: 1 });
    expect((await eventStore.load(orderId)).map((e) => e.type)).toEqual([
      'OrderPlaced',
      'OrderNoteAdded',
      'OrderConfirmed',
    ]);
    // Full jitter: half (random 0.5) of min(200, 10 * 2^1).
    expect(sleeps).toEqual([10]);
  });

  it('gives up with a conflict (409) after maxAttempts lost races, having waited with growing, capped jitter', async () => {
    const { deps, context, eventStore } = setup();
    const { orderId } = await placeOrder(deps, request, { correlationId: 'c', causationId: 'c' });
    const alwaysBehind = overriding(eventStore, {
      append: async (id, expected) => {
        throw new ConcurrencyConflictError(id, expected);
      },
    });
    const orders = new OrderRepository(alwaysBehind, undefined, { snapshotEvery: 0, writeSnapshots: false });
    const sleeps: number[] = [];
    const attempt = executeOrderCommand(orders, orderId, { type: 'ConfirmOrder', total: 5 }, context(), {
      ...noWait,
      maxAttempts: 5,
      random: () => 0.999,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    expect(sleeps).toEqual([19, 39, 79, 159]);
  });

  it('answers a command for an unknown order with NotFoundError', async () => {
    const { deps, context } = setup();
    await expect(
      executeOrderCommand(deps.orders, 'missing', { type: 'ConfirmOrder', total: 1 }, context()),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('order queries', () => {
  it('reads the read model, and falls back to the event store for an order not projected yet', async () => {
    const { deps } = setup();
    const { orderId } = await placeOrder(deps, request, { correlationId: 'c', causationId: 'c' });
    await expect(getOrder(deps, orderId)).resolves.toMatchObject({ orderId, status: 'PENDING', version: 1 });
    await deps.views.put({ ...(await getOrder(deps, orderId)), status: 'CONFIRMED', total: 9 }, 0);
    await expect(getOrder(deps, orderId)).resolves.toMatchObject({ status: 'CONFIRMED', total: 9 });
    await expect(getOrder(deps, 'nope')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('answers an order not projected yet as it was accepted, never ahead of the read model', async () => {
    // The saga may confirm an order before its first view is written; had the fallback answered the
    // confirmed order, the next poll (served by the view, still at version 1) would go back a version.
    const { deps, context } = setup();
    const { orderId } = await placeOrder(deps, request, { correlationId: 'c', causationId: 'c' });
    await executeOrderCommand(deps.orders, orderId, { type: 'ConfirmOrder', total: 7 }, context());
    await expect(getOrder(deps, orderId)).resolves.toMatchObject({ status: 'PENDING', version: 1 });
  });

  it('rebuilds the order as of an instant, and knows no order before it was placed', async () => {
    const { deps, context, setNow } = setup();
    const { orderId } = await placeOrder(deps, request, { correlationId: 'c', causationId: 'c' });
    setNow('2026-03-01T13:00:00.000Z');
    await executeOrderCommand(deps.orders, orderId, { type: 'ConfirmOrder', total: 7 }, context());
    await expect(getOrderAsOf(deps, orderId, '2026-03-01T12:30:00.000Z')).resolves.toMatchObject({
      status: 'PENDING',
      version: 1,
    });
    await expect(getOrderAsOf(deps, orderId, '2026-03-01T13:00:00.000Z')).resolves.toMatchObject({
      status: 'CONFIRMED',
      version: 2,
    });
    await expect(getOrderAsOf(deps, orderId, '2026-03-01T11:59:59.999Z')).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('pages the history oldest first, without the payment token, and 404s an unknown order', async () => {
    const { deps, context } = setup();
    const { orderId } = await placeOrder(deps, request, { correlationId: 'c', causationId: 'c' });
    for (const note of ['a', 'b', 'c']) {
      await executeOrderCommand(deps.orders, orderId, { type: 'AddNote', author: 'x', note }, context());
    }
    const first = await getOrderHistory(deps, orderId, 0, 3);
    expect(first.items.map((e) => e.version)).toEqual([1, 2, 3]);
    expect(first.nextAfterVersion).toBe(3);
    expect(first.items[0]?.data).not.toHaveProperty('paymentToken');
    expect(first.items[0]?.data).toMatchObject({ customerId: 'cust-1', currency: 'EUR' });
    const second = await getOrderHistory(deps, orderId, 3, 3);
    expect(second).toEqual({ items: [expect.objectContaining({ type: 'OrderNoteAdded', version: 4 })] });
    await expect(getOrderHistory(deps, 'nope', 0, 3)).rejects.toBeInstanceOf(NotFoundError);
  });
});
