import type { PartFailure, PartOutcome } from '../../../lambdas/bff/composition/compose';
import type { OrderParts } from '../../../lambdas/bff/domain/order-parts';
import { mobileOrderView, webOrderView } from '../../../lambdas/bff/domain/order-views';
import { BackendFailure } from '../../../lambdas/bff/domain/part-problem';
import type { OrderViewAnswer } from '../../../lambdas/orders/contract';

const order = (status: OrderViewAnswer['status']): OrderViewAnswer => ({
  orderId: '3f2b8c1e-9a4d-4e7b-8f6a-2c5d1e0b9a87',
  customerId: 'cus_0123456789abcdef0123456789abcdef',
  status,
  items: [
    { sku: 'BOOK-42', quantity: 2 },
    { sku: 'PEN-1', quantity: 3 },
  ],
  total: 70,
  currency: 'EUR',
  version: 4,
  createdAt: '2026-12-05T10:00:00.000Z',
  updatedAt: '2026-12-05T10:00:01.000Z',
});
const found = <T>(value: T): PartOutcome<T> => ({ kind: 'found', value });
const failed = (failure: PartFailure): PartOutcome<never> => ({ kind: 'failed', failure });
const customer = {
  customerId: 'cus_0123456789abcdef0123456789abcdef',
  name: 'Ada',
  email: 'ada@example.com',
};

function parts(overrides: Partial<OrderParts> = {}): OrderParts {
  const confirmed = order('CONFIRMED');
  return {
    order: confirmed,
    customer: found(customer),
    payment: found({ orderId: confirmed.orderId, status: 'CAPTURED', amount: 70, currency: 'EUR' }),
    shipment: found({
      orderId: confirmed.orderId,
      status: 'SCHEDULED',
      shipmentId: `shp_${confirmed.orderId}`,
    }),
    ...overrides,
  };
}

describe('the apps’ views of a composed order', () => {
  it('web: every part as its service said, nothing partial', () => {
    expect(webOrderView(parts())).toEqual({
      order: order('CONFIRMED'),
      customer,
      payment: { status: 'CAPTURED', amount: 70, currency: 'EUR' },
      shipment: { status: 'SCHEDULED' },
      partial: [],
    });
  });

  it('a part that does not exist yet is null and not partial', () => {
    const view = webOrderView(
      parts({ order: order('PENDING'), payment: { kind: 'absent' }, shipment: { kind: 'absent' } }),
    );
    expect(view).toMatchObject({ payment: null, shipment: null, partial: [] });
  });

  it('a failed part of an undecided order is null and named with its problem', () => {
    const view = webOrderView(
      parts({
        order: order('PENDING'),
        payment: failed({ kind: 'late', afterMs: 300 }),
        customer: failed({ kind: 'circuit-open', retryAfterMs: 9_500 }),
      }),
    );
    expect(view.payment).toBeNull();
    expect(view.customer).toBeNull();
    expect(view.partial).toEqual([
      {
        part: 'customer',
        problem: {
          type: 'https://shop.example/problems/part-unavailable',
          title: 'A part of the answer is unavailable for now',
          status: 503,
          detail: 'The customers service is failing; it is not asked again for 10 s.',
        },
      },
      {
        part: 'payment',
        problem: {
          type: 'https://shop.example/problems/part-late',
          title: 'A part of the answer was late',
          status: 504,
          detail: 'The payments service did not answer within 300 ms.',
        },
      },
    ]);
  });

  it('a failed part of a confirmed or cancelled order is what the order implies, and still named', () => {
    const confirmed = webOrderView(
      parts({
        payment: failed({ kind: 'late', afterMs: 300 }),
        shipment: failed({ kind: 'late', afterMs: 300 }),
      }),
    );
    expect(confirmed.payment).toEqual({ status: 'CAPTURED', amount: 70, currency: 'EUR' });
    expect(confirmed.shipment).toEqual({ status: 'SCHEDULED' });
    expect(confirmed.partial.map(({ part, derivedFrom }) => ({ part, derivedFrom }))).toEqual([
      { part: 'payment', derivedFrom: 'order' },
      { part: 'shipment', derivedFrom: 'order' },
    ]);
    const cancelled = webOrderView(
      parts({ order: order('CANCELLED'), payment: failed({ kind: 'failed', error: new Error('x') }) }),
    );
    expect(cancelled.payment).toEqual({ status: 'REFUNDED', amount: 70, currency: 'EUR' });
  });

  it('a failure says what the service answered, and never an unexpected error’s own words', () => {
    const said = webOrderView(
      parts({
        payment: failed({
          kind: 'failed',
          error: new BackendFailure('The payments service answered HTTP 500.'),
        }),
      }),
    );
    expect(said.partial[0]?.problem).toMatchObject({
      status: 502,
      detail: 'The payments service answered HTTP 500.',
    });
    const internal = webOrderView(
      parts({
        payment: failed({ kind: 'failed', error: new Error('arn:aws:dynamodb:us-east-1:1:table/Payments') }),
      }),
    );
    expect(internal.partial[0]?.problem.detail).toBe('The payments service answered unexpectedly.');
  });

  it('a payment voided before any charge has no amount, in the order’s currency', () => {
    const view = webOrderView(
      parts({ order: order('REJECTED'), payment: found({ orderId: 'o', status: 'VOIDED' }) }),
    );
    expect(view.payment).toEqual({ status: 'VOIDED', amount: null, currency: 'EUR' });
  });

  it('passes on the carrier and tracking number of a labelled shipment (web both, mobile the tracking number), not its label state', () => {
    const confirmed = order('CONFIRMED');
    const labelled = parts({
      shipment: found({
        orderId: confirmed.orderId,
        status: 'SCHEDULED',
        shipmentId: `shp_${confirmed.orderId}`,
        label: { status: 'LABELLED' },
        carrier: 'Stub Parcels',
        trackingNumber: 'SP0123456789ABCDEF',
      }),
    });
    expect(webOrderView(labelled).shipment).toEqual({
      status: 'SCHEDULED',
      carrier: 'Stub Parcels',
      trackingNumber: 'SP0123456789ABCDEF',
    });
    expect(mobileOrderView(labelled).shipment).toEqual({
      status: 'SCHEDULED',
      trackingNumber: 'SP0123456789ABCDEF',
    });
    const failedLabel = parts({
      shipment: found({
        orderId: confirmed.orderId,
        status: 'SCHEDULED',
        label: { status: 'FAILED', reason: 'CARRIER_TIMEOUT' },
      }),
    });
    expect(webOrderView(failedLabel).shipment).toEqual({ status: 'SCHEDULED' });
  });

  it('mobile: a compact summary with the number of items and the shipment', () => {
    expect(mobileOrderView(parts())).toEqual({
      orderId: '3f2b8c1e-9a4d-4e7b-8f6a-2c5d1e0b9a87',
      status: 'CONFIRMED',
      total: 70,
      currency: 'EUR',
      itemCount: 5,
      shipment: { status: 'SCHEDULED' },
      partial: [],
    });
    const late = mobileOrderView(
      parts({ order: order('PENDING'), shipment: failed({ kind: 'late', afterMs: 200 }) }),
    );
    expect(late.shipment).toBeNull();
    expect(late.partial.map(({ part }) => part)).toEqual(['shipment']);
  });
});
