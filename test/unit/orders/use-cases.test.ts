import { ConcurrencyConflictError } from '../../../lambdas/orders/ports/event-store';
import type { PlaceOrderRequest } from '../../../lambdas/orders/schemas/place-order-request';
import { getOrder } from '../../../lambdas/orders/use-cases/get-order';
import { toOrderEvent, UnknownEventError } from '../../../lambdas/orders/use-cases/order-stream';
import { placeOrder } from '../../../lambdas/orders/use-cases/place-order';
import { NotFoundError } from '../../../lambdas/shared/errors';
import { InMemoryEventStore } from '../../helpers/in-memory-event-store';

const request: PlaceOrderRequest = {
  customerId: 'cust-1',
  items: [{ sku: 'SKU-1', quantity: 3 }],
  paymentToken: 'tok_ok',
  shippingAddress: { name: 'Ada', line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
};

function setup() {
  const eventStore = new InMemoryEventStore();
  let next = 0;
  const deps = {
    eventStore,
    now: () => new Date('2026-03-01T12:00:00.000Z'),
    newId: () => `id-${++next}`,
  };
  return { eventStore, deps };
}

describe('placeOrder', () => {
  it('starts a new stream with OrderPlaced v1 and answers PENDING', async () => {
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
        data: expect.objectContaining({ orderId: 'id-1', customerId: 'cust-1', sagaStyle: 'orchestration' }),
        metadata: {
          eventId: 'id-2',
          correlationId: 'corr-1',
          causationId: 'idempotency-key:k1',
          schemaVersion: 1,
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
});

describe('getOrder', () => {
  it('rebuilds a placed order from its stream', async () => {
    const { deps } = setup();
    const { orderId } = await placeOrder(deps, request, { correlationId: 'c', causationId: 'c' });
    await expect(getOrder(deps, orderId)).resolves.toMatchObject({
      orderId,
      status: 'PENDING',
      items: request.items,
      version: 1,
      createdAt: '2026-03-01T12:00:00.000Z',
    });
  });

  it('reports an unknown order as not found', async () => {
    const { deps } = setup();
    await expect(getOrder(deps, 'nope')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('toOrderEvent', () => {
  const metadata = { eventId: 'e', correlationId: 'c', causationId: 'c', schemaVersion: 1, occurredAt: 't' };

  it('refuses an event type or schema version it has no schema for', () => {
    expect(() =>
      toOrderEvent({ aggregateId: 'a', version: 1, type: 'OrderTeleported', data: {}, metadata }),
    ).toThrow(UnknownEventError);
    expect(() =>
      toOrderEvent({
        aggregateId: 'a',
        version: 1,
        type: 'OrderPlaced',
        data: {},
        metadata: { ...metadata, schemaVersion: 9 },
      }),
    ).toThrow(UnknownEventError);
  });

  it('refuses a stored event whose data does not match its schema', () => {
    expect(() =>
      toOrderEvent({ aggregateId: 'a', version: 1, type: 'OrderPlaced', data: { orderId: 1 }, metadata }),
    ).toThrow();
  });
});
