import fc from 'fast-check';
import { ORDER_EVENTS, UnknownEventError, upcast } from '../../../lambdas/orders/contract';
import { type OrderEvent, rehydrate } from '../../../lambdas/orders/domain/order';
import type { StoredEvent } from '../../../lambdas/orders/ports/event-store';
import { toOrderEvent } from '../../../lambdas/orders/use-cases/order-stream';
import { placeOrderCommand } from '../../helpers/order-histories';

const metadata = (schemaVersion: number) => ({
  eventId: 'e-1',
  correlationId: 'c',
  causationId: 'c',
  schemaVersion,
  occurredAt: '2025-06-01T10:00:00.000Z',
});

/** An OrderPlaced as the service wrote it before multi-currency (v1): no currency field at all. */
const v1Event = (data: Record<string, unknown>): StoredEvent => ({
  aggregateId: String(data.orderId),
  version: 1,
  type: 'OrderPlaced',
  data,
  metadata: metadata(1),
});

describe('order event schemas and upcasting', () => {
  it('upcasts a stored OrderPlaced v1 to v2 in euros, the only currency v1 ever meant', () => {
    const v1 = {
      orderId: 'o-1',
      customerId: 'c-1',
      items: [{ sku: 'A', quantity: 1 }],
      paymentToken: 'tok_ok',
      shippingAddress: {
        name: 'Ada',
        line1: '1 Main St',
        city: 'Berlin',
        postalCode: '10115',
        country: 'DE',
      },
      sagaStyle: 'orchestration',
    };
    expect(toOrderEvent(v1Event(v1))).toEqual({
      type: 'OrderPlaced',
      data: { ...v1, currency: 'EUR' },
      version: 1,
      occurredAt: '2025-06-01T10:00:00.000Z',
    });
  });

  it('folds an upcast v1 event to the same state as the equivalent v2 event (property)', () => {
    fc.assert(
      fc.property(placeOrderCommand('o-p'), (command) => {
        const { type: _, currency: __, ...v1Data } = command;
        const withDefaults = { ...v1Data, sagaStyle: command.sagaStyle ?? 'orchestration' };
        const v2: StoredEvent = {
          ...v1Event(withDefaults),
          data: { ...withDefaults, currency: 'EUR' },
          metadata: metadata(2),
        };
        expect(rehydrate([toOrderEvent(v1Event(withDefaults))])).toEqual(rehydrate([toOrderEvent(v2)]));
      }),
    );
  });

  it('has a schema for every version up to the current one and an upcaster between each pair', () => {
    for (const [type, versions] of Object.entries(ORDER_EVENTS)) {
      for (let version = 1; version <= versions.current; version++) {
        expect([type, version, versions.schemas[version] !== undefined]).toEqual([type, version, true]);
        if (version < versions.current) expect(versions.upcasters[version]).toBeInstanceOf(Function);
      }
    }
  });

  it('refuses an unknown type, a version from the future, and data that does not match its version', () => {
    expect(() => upcast('OrderTeleported', 1, {}, 'o@1')).toThrow(UnknownEventError);
    expect(() => upcast('OrderPlaced', 3, {}, 'o@1')).toThrow(UnknownEventError);
    expect(() => upcast('OrderPlaced', 0, {}, 'o@1')).toThrow(UnknownEventError);
    expect(() => upcast('OrderConfirmed', 1, { total: -1 }, 'o@2')).toThrow();
    expect(() => upcast('OrderPlaced', 2, { orderId: 'o' }, 'o@1')).toThrow();
  });

  it('keeps what a v2 event says about its currency', () => {
    const event = toOrderEvent({
      ...v1Event({
        orderId: 'o-2',
        customerId: 'c',
        items: [{ sku: 'A', quantity: 1 }],
        paymentToken: 't',
        shippingAddress: { name: 'A', line1: 'l', city: 'c', postalCode: 'p', country: 'GB' },
        sagaStyle: 'choreography',
        currency: 'GBP',
      }),
      metadata: metadata(2),
    }) as Extract<OrderEvent, { type: 'OrderPlaced' }>;
    expect(event.data.currency).toBe('GBP');
  });
});
