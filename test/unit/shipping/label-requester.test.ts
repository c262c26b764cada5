import { ORDERS_EVENTS } from '../../../lambdas/orders/contract';
import { readConsumedEvent } from '../../../lambdas/shared/choreography/consumed-event';
import { LABELS_CONSUME, labelReactions } from '../../../lambdas/shipping/handlers/labels';
import { InMemoryLabelStore } from '../../helpers/in-memory-label-store';
import { RecordingCarrier } from '../../helpers/recording-carrier';

/** The label requester's reaction to OrderConfirmed, as the bus delivers it (v2 names its order, v1 not). */
const ORDER = '3f2b8c1e-9a4d-4e7b-8f6a-2c5d1e0b9a87';
const confirmed = (schemaVersion: number, data: unknown) =>
  readConsumedEvent(
    JSON.stringify({
      source: ORDERS_EVENTS.source,
      'detail-type': 'OrderConfirmed',
      detail: {
        metadata: {
          eventId: 'e1',
          correlationId: 'corr-3',
          causationId: 'c1',
          schemaVersion,
          occurredAt: '2026-12-05T10:00:00.000Z',
        },
        data,
      },
    }),
    LABELS_CONSUME,
  );

function world() {
  const shipments = InMemoryLabelStore.withBooked(ORDER);
  const carrier = new RecordingCarrier();
  const react = labelReactions({
    shipments,
    carrier,
    replyTo: 'https://sqs.us-east-1.amazonaws.com/000000000000/replies',
    deadlineSeconds: 5,
    newId: () => 'fresh',
    now: () => new Date('2026-12-05T10:00:01.000Z'),
  }).OrderConfirmed;
  if (react === undefined) throw new Error('no OrderConfirmed reaction');
  return { shipments, carrier, react };
}

describe('the label requester', () => {
  it('asks for the label of the order a v2 OrderConfirmed names', async () => {
    const { carrier, react } = world();
    await expect(react(confirmed(2, { total: 25, orderId: ORDER }))).resolves.toBe('requested');
    expect(carrier.requests.map((r) => r.correlationId)).toEqual([`${ORDER}~fresh`]);
    expect(carrier.deadlines).toEqual([{ requestId: `${ORDER}~fresh`, delaySeconds: 5 }]);
  });

  it('passes over a v1 OrderConfirmed, which names no order', async () => {
    const { carrier, react } = world();
    await expect(react(confirmed(1, { total: 25 }))).resolves.toBe(
      'ignored: no order id (OrderConfirmed v1)',
    );
    expect(carrier.requests).toEqual([]);
  });
});
