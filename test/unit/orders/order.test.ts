import fc from 'fast-check';
import {
  CorruptStreamError,
  decide,
  evolve,
  MAX_NOTE_LENGTH,
  type Order,
  type OrderEvent,
  type PlaceOrder,
  rehydrate,
} from '../../../lambdas/orders/domain/order';
import {
  ConflictError,
  InvalidRequestError,
  NotFoundError,
  RetryLaterConflictError,
} from '../../../lambdas/shared/errors';

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
          currency: 'EUR',
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
      currency: 'EUR',
      paymentToken: 'tok_ok',
      shippingAddress: command().shippingAddress,
      sagaStyle: 'orchestration',
      total: null,
      noteCount: 0,
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

describe('Order lifecycle', () => {
  const placed = (): Order => rehydrate(stored(decide(undefined, command()))) as Order;
  const apply = (state: Order, events: ReturnType<typeof decide>, at = '2026-01-02T00:00:00.000Z'): Order =>
    rehydrate(
      events.map((event, index) => ({ ...event, version: state.version + index + 1, occurredAt: at })),
      state,
    ) as Order;

  it('confirms a pending order with its total, once: confirming again with the same total is a no-op', () => {
    const confirmed = apply(placed(), decide(placed(), { type: 'ConfirmOrder', total: 42.5 }));
    expect(confirmed).toMatchObject({ status: 'CONFIRMED', total: 42.5, version: 2 });
    expect(confirmed.updatedAt).toBe('2026-01-02T00:00:00.000Z');
    expect(confirmed.createdAt).toBe('2026-01-01T00:00:00.000Z');
    expect(decide(confirmed, { type: 'ConfirmOrder', total: 42.5 })).toEqual([]);
    expect(() => decide(confirmed, { type: 'ConfirmOrder', total: 1 })).toThrow(ConflictError);
    expect(() => decide(confirmed, { type: 'RejectOrder', reason: 'OUT_OF_STOCK' })).toThrow(ConflictError);
  });

  it('rejects a pending order with a reason, once; a rejected order can be neither confirmed nor cancelled', () => {
    const rejected = apply(placed(), decide(placed(), { type: 'RejectOrder', reason: 'PAYMENT_DECLINED' }));
    expect(rejected).toMatchObject({ status: 'REJECTED', rejectionReason: 'PAYMENT_DECLINED' });
    expect(decide(rejected, { type: 'RejectOrder', reason: 'PAYMENT_DECLINED' })).toEqual([]);
    expect(() => decide(rejected, { type: 'RejectOrder', reason: 'OUT_OF_STOCK' })).toThrow(ConflictError);
    expect(() => decide(rejected, { type: 'ConfirmOrder', total: 1 })).toThrow(ConflictError);
    expect(() => decide(rejected, { type: 'CancelOrder', reason: 'x' })).toThrow(ConflictError);
  });

  it('cancels a pending or confirmed order, once', () => {
    const confirmed = apply(placed(), decide(placed(), { type: 'ConfirmOrder', total: 10 }));
    const cancelled = apply(confirmed, decide(confirmed, { type: 'CancelOrder', reason: 'customer' }));
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancellationReason: 'customer', total: 10 });
    expect(decide(cancelled, { type: 'CancelOrder', reason: 'customer' })).toEqual([]);
    expect(apply(placed(), decide(placed(), { type: 'CancelOrder', reason: 'c' })).status).toBe('CANCELLED');
  });

  it('asks for cancellation of a confirmed order only, once: pending is "retry later", rejected a conflict', () => {
    const confirmed = apply(placed(), decide(placed(), { type: 'ConfirmOrder', total: 10 }));
    const asked = decide(confirmed, { type: 'RequestCancellation', reason: 'changed my mind' });
    expect(asked).toEqual([
      { type: 'OrderCancellationRequested', data: { orderId: confirmed.orderId, reason: 'changed my mind' } },
    ]);
    const requested = apply(confirmed, asked);
    expect(requested).toMatchObject({ status: 'CONFIRMED', cancellationRequested: 'changed my mind' });
    expect(decide(requested, { type: 'RequestCancellation', reason: 'again' })).toEqual([]);
    // The services undo their parts, then the cancellation is recorded with the reason it was asked with.
    const cancelled = apply(requested, decide(requested, { type: 'CancelOrder' }));
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancellationReason: 'changed my mind' });
    expect(decide(cancelled, { type: 'RequestCancellation', reason: 'again' })).toEqual([]);
    expect(() => decide(placed(), { type: 'RequestCancellation', reason: 'x' })).toThrow(
      RetryLaterConflictError,
    );
    const rejected = apply(placed(), decide(placed(), { type: 'RejectOrder', reason: 'OUT_OF_STOCK' }));
    // A plain conflict, with no Retry-After: RetryLaterConflictError is not a ConflictError.
    expect(() => decide(rejected, { type: 'RequestCancellation', reason: 'x' })).toThrow(ConflictError);
  });

  it('adds notes in any status, counting them, and refuses empty or oversized ones', () => {
    const noted = apply(placed(), decide(placed(), { type: 'AddNote', author: 'support', note: 'called' }));
    expect(noted).toMatchObject({ noteCount: 1, version: 2, status: 'PENDING' });
    expect(() => decide(noted, { type: 'AddNote', author: 'support', note: '  ' })).toThrow(
      InvalidRequestError,
    );
    expect(() =>
      decide(noted, { type: 'AddNote', author: 's', note: 'x'.repeat(MAX_NOTE_LENGTH + 1) }),
    ).toThrow(InvalidRequestError);
  });

  it('refuses a negative or non-finite total', () => {
    for (const total of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => decide(placed(), { type: 'ConfirmOrder', total })).toThrow(InvalidRequestError);
    }
  });

  it('answers a command for an order that does not exist with NotFoundError', () => {
    expect(() => decide(undefined, { type: 'ConfirmOrder', total: 1 })).toThrow(NotFoundError);
  });

  it('stops a replay at an event that comes before OrderPlaced (a corrupt stream)', () => {
    expect(() =>
      evolve(undefined, { type: 'OrderConfirmed', data: { total: 1 }, version: 1, occurredAt: 't' }),
    ).toThrow(CorruptStreamError);
  });
});
