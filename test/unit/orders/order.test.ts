import fc from 'fast-check';
import {
  decide,
  evolve,
  type OrderEvent,
  type PlaceOrder,
  rehydrate,
} from '../../../lambdas/orders/domain/order';
import { ConflictError, InvalidRequestError } from '../../../lambdas/shared/errors';

const command = (overrides: Partial<PlaceOrder> = {}): PlaceOrder => ({
  type: 'PlaceOrder',
  orderId: 'order-1',
  customerId: 'cust-1',
  items: [{ sku: 'SKU-1', quantity: 2 }],
  paymentToken: 'tok_ok',
  shippingAddress: { name: 'Ada', line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
  ...overrides,
});

const stored = (events: ReturnType<typeof decide>, at = '2026-01-01T00:00:00.000Z'): OrderEvent[] =>
  events.map((event, index) => ({ ...event, version: index + 1, occurredAt: at }));

describe('Order aggregate', () => {
  it('places a new order as one OrderPlaced event, orchestrated by default', () => {
    const events = decide(undefined, command());
    expect(events).toEqual([
      {
        type: 'OrderPlaced',
        data: {
          orderId: 'order-1',
          customerId: 'cust-1',
          items: [{ sku: 'SKU-1', quantity: 2 }],
          paymentToken: 'tok_ok',
          shippingAddress: command().shippingAddress,
          sagaStyle: 'orchestration',
        },
      },
    ]);
  });

  it('keeps the chosen saga style and callback URL', () => {
    const [event] = decide(
      undefined,
      command({ sagaStyle: 'choreography', callbackUrl: 'https://cb.example/x' }),
    );
    expect(event?.data).toMatchObject({ sagaStyle: 'choreography', callbackUrl: 'https://cb.example/x' });
  });

  it('refuses to place an order that already exists', () => {
    const existing = rehydrate(stored(decide(undefined, command())));
    expect(() => decide(existing, command())).toThrow(ConflictError);
  });

  it.each([
    ['no items', { items: [] }],
    ['a zero quantity', { items: [{ sku: 'A', quantity: 0 }] }],
    ['a fractional quantity', { items: [{ sku: 'A', quantity: 1.5 }] }],
    [
      'a repeated SKU',
      {
        items: [
          { sku: 'A', quantity: 1 },
          { sku: 'A', quantity: 2 },
        ],
      },
    ],
  ])('refuses an order with %s', (_, overrides) => {
    expect(() => decide(undefined, command(overrides))).toThrow(InvalidRequestError);
  });

  it('rebuilds a pending order from its events', () => {
    const order = rehydrate(stored(decide(undefined, command()), '2026-02-03T04:05:06.000Z'));
    expect(order).toEqual({
      orderId: 'order-1',
      customerId: 'cust-1',
      status: 'PENDING',
      items: [{ sku: 'SKU-1', quantity: 2 }],
      shippingAddress: command().shippingAddress,
      sagaStyle: 'orchestration',
      total: null,
      version: 1,
      createdAt: '2026-02-03T04:05:06.000Z',
      updatedAt: '2026-02-03T04:05:06.000Z',
    });
  });

  it('knows no order in an empty stream', () => {
    expect(rehydrate([])).toBeUndefined();
  });

  it('replays any accepted order to the same items, pending, at version 1 (property)', () => {
    const item = fc.record({
      sku: fc.stringMatching(/^[A-Z0-9]{1,8}$/),
      quantity: fc.integer({ min: 1, max: 1000 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(item, { minLength: 1, maxLength: 20, selector: (i) => i.sku }), (items) => {
        const events = stored(decide(undefined, command({ items })));
        const order = rehydrate(events);
        expect(order?.items).toEqual(items);
        expect(order?.status).toBe('PENDING');
        expect(order?.version).toBe(events.length);
        // Folding is deterministic: replaying twice gives the same state.
        expect(events.reduce(evolve, undefined as never)).toEqual(order);
      }),
    );
  });
});
