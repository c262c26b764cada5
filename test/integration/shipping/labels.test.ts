import type { StepContext } from '../../../lambdas/orders/contract';
import type { DynamoDbShipmentsStore } from '../../../lambdas/shipping/adapters/dynamodb-shipments-store';
import { shipmentView } from '../../../lambdas/shipping/domain/shipment-view';
import { type LabelRequestDeps, requestLabel } from '../../../lambdas/shipping/use-cases/request-label';
import { settleLabel } from '../../../lambdas/shipping/use-cases/settle-label';
import { scheduleShipment } from '../../../lambdas/shipping/use-cases/shipments';
import { SAMPLE_ORDER } from '../../fixtures/orders';
import type { DynamoDbLocal } from '../../helpers/dynamodb-local';
import { RecordingCarrier } from '../../helpers/recording-carrier';
import { startShippingTables } from '../../helpers/shipping-tables';

/**
 * Labels on DynamoDB Local (the Shipments table from the synthesized Shipping stack): the request recorded
 * once, its reply or deadline settling it by a conditional write, races decided by the table. The carrier
 * channel records what would go on the queues (the queues themselves run in the end-to-end suite).
 */
let db: DynamoDbLocal;
let store: DynamoDbShipmentsStore;
let ids = 0;
const step: StepContext = { correlationId: 'corr-1', causationId: 'cause-1', sagaStyle: 'orchestration' };
const now = () => new Date('2026-12-05T10:00:00Z');

beforeAll(async () => {
  ({ db, store } = await startShippingTables());
});
afterAll(() => db?.stop());

function world() {
  const carrier = new RecordingCarrier();
  const deps: LabelRequestDeps = {
    shipments: store,
    carrier,
    replyTo: 'https://sqs.us-east-1.amazonaws.com/000000000000/replies',
    deadlineSeconds: 5,
    newId: () => `id${++ids}`,
    now,
  };
  return { carrier, deps, settle: { shipments: store, now } };
}

async function booked(orderId: string, country = 'GB') {
  const shippingAddress = { ...SAMPLE_ORDER.shippingAddress, country };
  const request = { orderId, shippingAddress, declaredValue: { amount: 25, currency: 'EUR' as const } };
  await scheduleShipment({ shipments: store }, request, step).catch(() => undefined);
}

const reply = (requestId: string, trackingNumber = 'SP0001') =>
  ({ kind: 'reply', requestId, carrier: 'Stub Parcels', trackingNumber }) as const;

describe('shipping labels on DynamoDB Local', () => {
  it('asks for a booked shipment’s label: pending recorded, the deadline set first, the request naming its reply queue', async () => {
    const { carrier, deps } = world();
    await booked('o-1');
    await expect(requestLabel(deps, 'o-1', 'corr-1')).resolves.toBe('requested');
    const [request] = carrier.requests;
    expect(request).toEqual({
      correlationId: expect.stringMatching(/^o-1~id\d+$/),
      replyTo: deps.replyTo,
      shipmentId: 'shp_o-1',
      recipient: SAMPLE_ORDER.shippingAddress,
    });
    expect(carrier.deadlines).toEqual([{ requestId: request?.correlationId, delaySeconds: 5 }]);
    expect(shipmentView((await store.get('o-1')) ?? ({} as never))).toEqual({
      orderId: 'o-1',
      status: 'SCHEDULED',
      shipmentId: 'shp_o-1',
      label: { status: 'REQUESTED' },
    });
  });

  it('records the first reply, and no duplicate, late deadline or stranger changes it', async () => {
    const { carrier, deps, settle } = world();
    await booked('o-2');
    await requestLabel(deps, 'o-2', 'corr-2');
    const requestId = carrier.requests[0]?.correlationId ?? '';
    await expect(settleLabel(settle, reply(requestId))).resolves.toBe('LABELLED');
    const labelled = await store.get('o-2');
    await expect(settleLabel(settle, reply(requestId, 'SP9999'))).resolves.toBe(
      'ignored: already-labelled request',
    );
    await expect(settleLabel(settle, { kind: 'deadline', requestId })).resolves.toBe(
      'ignored: already-labelled request',
    );
    await expect(settleLabel(settle, reply('o-2~forged'))).resolves.toBe('ignored: unknown request');
    await expect(settleLabel(settle, reply('not-ours'))).resolves.toBe('ignored: unknown request');
    expect(await store.get('o-2')).toEqual(labelled);
    expect(shipmentView(labelled ?? ({} as never))).toMatchObject({
      label: { status: 'LABELLED' },
      carrier: 'Stub Parcels',
      trackingNumber: 'SP0001',
    });
  });

  it('records a request unanswered at its deadline as failed, and a late reply changes nothing', async () => {
    const { carrier, deps, settle } = world();
    await booked('o-3');
    await requestLabel(deps, 'o-3', 'corr-3');
    const requestId = carrier.requests[0]?.correlationId ?? '';
    await expect(settleLabel(settle, { kind: 'deadline', requestId })).resolves.toBe('FAILED');
    await expect(settleLabel(settle, reply(requestId))).resolves.toBe('ignored: already-failed request');
    expect(shipmentView((await store.get('o-3')) ?? ({} as never))).toEqual({
      orderId: 'o-3',
      status: 'SCHEDULED',
      shipmentId: 'shp_o-3',
      label: { status: 'FAILED', reason: 'CARRIER_TIMEOUT' },
    });
  });

  it('lets one of a racing reply and deadline win, the other deciding again on what won', async () => {
    for (let round = 0; round < 10; round++) {
      const { carrier, deps, settle } = world();
      const orderId = `o-race-${round}`;
      await booked(orderId);
      await requestLabel(deps, orderId, 'corr');
      const requestId = carrier.requests[0]?.correlationId ?? '';
      const outcomes = await Promise.all([
        settleLabel(settle, reply(requestId)),
        settleLabel(settle, { kind: 'deadline', requestId }),
      ]);
      const winners = outcomes.filter((outcome) => !outcome.startsWith('ignored'));
      expect(winners).toHaveLength(1);
      const label = (await store.get(orderId))?.label;
      expect(label?.status).toBe(winners[0]);
    }
  });

  it('asks once per shipment: a repeat sends the same request again while it is pending, nothing once settled', async () => {
    const { carrier, deps, settle } = world();
    await booked('o-4');
    await requestLabel(deps, 'o-4', 'corr-4');
    await requestLabel(deps, 'o-4', 'corr-4');
    const [first, second] = carrier.requests;
    expect(second).toEqual(first);
    await settleLabel(settle, reply(first?.correlationId ?? ''));
    await expect(requestLabel(deps, 'o-4', 'corr-4')).resolves.toBe('already LABELLED');
    expect(carrier.requests).toHaveLength(2);
  });

  it('a send that failed is sent again on the retry, under the same request id, its deadline set before it', async () => {
    const { carrier, deps } = world();
    await booked('o-5');
    carrier.failNextRequest = true;
    await expect(requestLabel(deps, 'o-5', 'corr-5')).rejects.toThrow('queue unavailable');
    expect(carrier.deadlines).toHaveLength(1);
    await expect(requestLabel(deps, 'o-5', 'corr-5')).resolves.toBe('requested');
    expect(carrier.requests.map((r) => r.correlationId)).toEqual([carrier.deadlines[0]?.requestId]);
  });

  it('asks no label for a shipment cancelled, unavailable, or never booked', async () => {
    const { carrier, deps } = world();
    await booked('o-6');
    await store.cancel('o-6', step);
    await booked('o-7', 'XX');
    for (const orderId of ['o-6', 'o-7', 'o-none']) {
      await expect(requestLabel(deps, orderId, 'corr')).resolves.toBe('no shipment to label');
    }
    expect(carrier.requests).toEqual([]);
    expect((await store.get('o-6'))?.label).toBeUndefined();
  });

  it('hides a cancelled shipment’s tracking number: its label is void', async () => {
    const { carrier, deps, settle } = world();
    await booked('o-8');
    await requestLabel(deps, 'o-8', 'corr-8');
    await settleLabel(settle, reply(carrier.requests[0]?.correlationId ?? ''));
    await store.cancel('o-8', step);
    expect(shipmentView((await store.get('o-8')) ?? ({} as never))).toEqual({
      orderId: 'o-8',
      status: 'CANCELLED',
      shipmentId: 'shp_o-8',
      label: { status: 'LABELLED' },
    });
  });
});
