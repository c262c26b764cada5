import type { Label } from '../../../lambdas/shipping/domain/label';
import { labelRetryRoute } from '../../../lambdas/shipping/handlers/label-retry-route';
import { apiEvent, lambdaContext } from '../../helpers/api-gateway-event';
import { InMemoryLabelStore } from '../../helpers/in-memory-label-store';
import { RecordingCarrier } from '../../helpers/recording-carrier';

/**
 * `POST /shipments/{orderId}/label` in process, on the in-memory store and a recording carrier: a FAILED
 * label is superseded and sent (deadline first), 202 with the shipment's view; 404 and 409 are problems; of
 * two racing operators one supersedes and the other gets 409; a send that failed after the write leaves a
 * request that a later POST sends again.
 */
const ORDER = '3f2b8c1e-9a4d-4e7b-8f6a-2c5d1e0b9a87';
const FAILED_ID = `${ORDER}~r2`;
const trace = { correlationId: 'corr-7', causationId: 'evt-1' };
const failed: Label = {
  status: 'FAILED',
  requestId: FAILED_ID,
  requestedAt: '2026-12-05T10:00:05.000Z',
  earlierRequestIds: [`${ORDER}~r1`],
  trace,
  reason: 'CARRIER_TIMEOUT',
  settledAt: '2026-12-05T10:00:10.000Z',
};

/** `null`: a booked shipment with no label yet. */
function world(label: Label | null = failed) {
  const store = InMemoryLabelStore.withBooked(ORDER, label ?? undefined);
  const carrier = new RecordingCarrier();
  const clock = { now: new Date('2026-12-05T11:00:00.000Z') };
  let ids = 0;
  const route = labelRetryRoute({
    shipments: store,
    carrier,
    replyTo: 'https://sqs/replies',
    deadlineSeconds: 5,
    newId: () => `op${++ids}`,
    now: () => clock.now,
  });
  const post = async (orderId = ORDER) => {
    const response = await route(
      apiEvent({ method: 'POST', resource: '/shipments/{orderId}/label', pathParameters: { orderId } }),
      lambdaContext(),
    );
    return {
      status: response.statusCode,
      type: response.headers?.['Content-Type'],
      body: JSON.parse(response.body),
    };
  };
  return { store, carrier, clock, post, label: () => store.shipments.get(ORDER)?.label };
}

describe('POST /shipments/{orderId}/label: an operator asks the carrier again', () => {
  it('supersedes the FAILED label, sends the new request and its deadline, and answers 202 with the view', async () => {
    const { carrier, post, label } = world();
    await expect(post()).resolves.toEqual({
      status: 202,
      type: 'application/json',
      body: {
        orderId: ORDER,
        status: 'SCHEDULED',
        shipmentId: `shp_${ORDER}`,
        label: { status: 'REQUESTED' },
      },
    });
    expect(label()).toEqual({
      status: 'REQUESTED',
      requestId: `${ORDER}~op1`,
      requestedAt: '2026-12-05T11:00:00.000Z',
      earlierRequestIds: [`${ORDER}~r1`, FAILED_ID],
      trace: { correlationId: 'corr-7', causationId: FAILED_ID },
    });
    expect(carrier.deadlines).toEqual([{ requestId: `${ORDER}~op1`, delaySeconds: 5 }]);
    expect(carrier.requests).toEqual([
      expect.objectContaining({ correlationId: `${ORDER}~op1`, replyTo: 'https://sqs/replies', attempt: 3 }),
    ]);
  });

  it('is a 404 problem without a shipment, and for an id the orders service could not have minted', async () => {
    const { post, carrier } = world();
    const other = '0f2b8c1e-9a4d-4e7b-8f6a-2c5d1e0b9a87';
    await expect(post(other)).resolves.toMatchObject({
      status: 404,
      type: 'application/problem+json',
      body: { status: 404, detail: `Order ${other} has no shipment.` },
    });
    await expect(post('not-an-order')).resolves.toMatchObject({ status: 404 });
    expect(carrier.requests).toEqual([]);
  });

  it.each([
    [
      'REQUESTED',
      { status: 'REQUESTED', requestId: `${ORDER}~r1`, requestedAt: '2026-12-05T10:59:58.000Z', trace },
      'is being asked',
    ],
    [
      'LABELLED',
      { ...failed, status: 'LABELLED', carrier: 'Stub Parcels', trackingNumber: 'SP0001' },
      'has its label',
    ],
    ['no label yet', null, 'No label was asked yet'],
  ] as const)('is a 409 problem for a label %s, nothing written or sent', async (_, label, detail) => {
    const { post, carrier, store } = world(label as Label | null);
    const before = store.shipments.get(ORDER);
    const answer = await post();
    expect(answer).toMatchObject({ status: 409, type: 'application/problem+json', body: { status: 409 } });
    expect(answer.body.detail).toContain(detail);
    expect(store.shipments.get(ORDER)).toBe(before);
    expect([...carrier.requests, ...carrier.deadlines]).toEqual([]);
  });

  it('is a 409 problem for a cancelled shipment, even with a FAILED label', async () => {
    const { post, store, carrier } = world();
    const booked = store.shipments.get(ORDER);
    if (booked) store.shipments.set(ORDER, { ...booked, status: 'CANCELLED' });
    await expect(post()).resolves.toMatchObject({
      status: 409,
      body: { detail: expect.stringContaining('not booked') },
    });
    expect(carrier.requests).toEqual([]);
  });

  it('of two operators racing, one supersedes the failed request and the other gets 409', async () => {
    const { post, carrier, label } = world();
    const answers = await Promise.all([post(), post()]);
    expect(answers.map((a) => a.status).sort()).toEqual([202, 409]);
    expect(label()).toMatchObject({ status: 'REQUESTED', earlierRequestIds: [`${ORDER}~r1`, FAILED_ID] });
    expect(carrier.requests).toHaveLength(1);
  });

  it('a deadline that could not be sent after the write: 500, and a POST past twice the deadline sends the request again', async () => {
    const { post, carrier, clock, label } = world();
    carrier.failNextDeadline = true;
    await expect(post()).resolves.toMatchObject({ status: 500 });
    const recorded = label();
    expect(recorded).toMatchObject({ status: 'REQUESTED', requestId: `${ORDER}~op1` });
    expect(carrier.requests).toEqual([]);
    // Within twice the deadline the request may still be ending by itself.
    await expect(post()).resolves.toMatchObject({ status: 409 });
    clock.now = new Date('2026-12-05T11:00:11.000Z');
    await expect(post()).resolves.toMatchObject({ status: 202, body: { label: { status: 'REQUESTED' } } });
    expect(label()).toBe(recorded);
    expect(carrier.deadlines).toEqual([{ requestId: `${ORDER}~op1`, delaySeconds: 5 }]);
    expect(carrier.requests.map((r) => r.correlationId)).toEqual([`${ORDER}~op1`]);
  });
});
