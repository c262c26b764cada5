import { ORDERS_EVENTS } from '../../../lambdas/orders/contract';
import { PAYMENTS_EVENTS } from '../../../lambdas/payments/contract';
import {
  readConsumedEvent,
  stepOf,
  UnreadableEvent,
} from '../../../lambdas/shared/choreography/consumed-event';

/** What a rule puts on a consumer's queue: the whole EventBridge event, `detail` being our envelope. */
const body = (detailType: string, schemaVersion: number, data: unknown, source = 'shop.orders') =>
  JSON.stringify({
    version: '0',
    id: 'eb-1',
    source,
    'detail-type': detailType,
    account: '000000000000',
    time: '2026-12-05T10:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail: {
      metadata: {
        eventId: 'ev-1',
        correlationId: 'corr-1',
        causationId: 'req-1',
        schemaVersion,
        occurredAt: '2026-12-05T10:00:00.000Z',
      },
      data,
    },
  });

const producers = [ORDERS_EVENTS, PAYMENTS_EVENTS];

describe('a choreography consumer reading its queue', () => {
  it("reads an event of any published version, upcast to the producer's current one", () => {
    const v1 = ORDERS_EVENTS.events.OrderPlaced?.examples[1];
    const event = readConsumedEvent(body('OrderPlaced', 1, v1), producers, 2);
    expect(event).toMatchObject({
      source: 'shop.orders',
      type: 'OrderPlaced',
      metadata: { eventId: 'ev-1', correlationId: 'corr-1' },
      data: { ...(v1 as object), currency: 'EUR' },
      attempt: 2,
    });
    // What the step it causes writes: the order's correlation id, this event as the cause.
    expect(stepOf(event, 'CANCELLED')).toEqual({
      correlationId: 'corr-1',
      causationId: 'ev-1',
      sagaStyle: 'choreography',
      cause: 'CANCELLED',
    });
  });

  it.each([
    ['not JSON', '{', /Not an EventBridge event/],
    [
      'no envelope',
      JSON.stringify({ source: 'shop.orders', 'detail-type': 'OrderPlaced', detail: {} }),
      /envelope/,
    ],
    ['a producer it does not consume', body('ShipmentScheduled', 1, {}, 'shop.shipping'), /shop.shipping/],
    ['a type its producer never published', body('OrderShipped', 1, {}), /publishes no OrderShipped/],
    ['a version its producer never published', body('OrderPlaced', 9, {}), /No schema/],
    [
      'data that does not fit its version',
      body('PaymentCaptured', 1, { orderId: 'o' }, 'shop.payments'),
      /PaymentCaptured ev-1/,
    ],
  ])('refuses %s as unreadable (the queue dead-letters it after its receives)', (_, text, message) => {
    expect(() => readConsumedEvent(text, producers)).toThrow(UnreadableEvent);
    expect(() => readConsumedEvent(text, producers)).toThrow(message);
  });
});
