import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StepContext } from '../../../lambdas/orders/contract';
import type { DynamoDbShipmentsStore } from '../../../lambdas/shipping/adapters/dynamodb-shipments-store';
import { shipmentView } from '../../../lambdas/shipping/domain/shipment-view';
import { askLabelAgain } from '../../../lambdas/shipping/use-cases/ask-label-again';
import { type LabelRequestDeps, requestLabel } from '../../../lambdas/shipping/use-cases/request-label';
import {
  type SettleLabelDeps,
  settleLabel,
  VOID_LABEL_FAILED,
} from '../../../lambdas/shipping/use-cases/settle-label';
import { scheduleShipment } from '../../../lambdas/shipping/use-cases/shipments';
import { SAMPLE_ORDER } from '../../fixtures/orders';
import type { DynamoDbLocal } from '../../helpers/dynamodb-local';
import { outboxEventsOf } from '../../helpers/outbox';
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
/** What asked for the label: the OrderConfirmed event, in the order's transaction. */
const asked = { correlationId: 'corr-1', causationId: 'evt-confirmed' };
const step: StepContext = { correlationId: 'corr-1', causationId: 'cause-1', sagaStyle: 'orchestration' };
const now = () => new Date('2026-12-05T10:00:00Z');

let client: DynamoDBDocumentClient;
let outboxTable: string;
beforeAll(async () => {
  ({ db, store, client, outboxTable } = await startShippingTables());
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

/** The deadline consumer's dependencies: it asks again, through the same carrier channel, up to `attempts`. */
function deadlines({ deps }: ReturnType<typeof world>, attempts: number): SettleLabelDeps {
  return { shipments: store, now, askAgain: { ...deps, attempts } };
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
    await expect(requestLabel(deps, 'o-1', asked)).resolves.toBe('requested');
    const [request] = carrier.requests;
    expect(request).toEqual({
      correlationId: expect.stringMatching(/^o-1~id\d+$/),
      replyTo: deps.replyTo,
      shipmentId: 'shp_o-1',
      recipient: SAMPLE_ORDER.shippingAddress,
      attempt: 1,
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
    await requestLabel(deps, 'o-2', asked);
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
    // Each change published once, in its transaction: the request (caused by what asked), then its end
    // (caused by the request), all in the order's transaction.
    // (Sorted by type, by code point: two events written within a millisecond have no order by time.)
    const events = (await outboxEventsOf(client, outboxTable, 'o-2')).sort((a, b) =>
      a.type < b.type ? -1 : 1,
    );
    expect(events.map(({ type }) => type)).toEqual([
      'ShipmentLabelRequested',
      'ShipmentLabelled',
      'ShipmentScheduled',
    ]);
    expect(
      events
        .slice(0, 2)
        .map(({ data, metadata }) => ({ data, trace: [metadata.correlationId, metadata.causationId] })),
    ).toEqual([
      {
        data: { orderId: 'o-2', shipmentId: 'shp_o-2', requestId, attempt: 1 },
        trace: ['corr-1', 'evt-confirmed'],
      },
      {
        data: {
          orderId: 'o-2',
          shipmentId: 'shp_o-2',
          requestId,
          carrier: 'Stub Parcels',
          trackingNumber: 'SP0001',
        },
        trace: ['corr-1', requestId],
      },
    ]);
    expect(shipmentView(labelled ?? ({} as never))).toMatchObject({
      label: { status: 'LABELLED' },
      carrier: 'Stub Parcels',
      trackingNumber: 'SP0001',
    });
  });

  it('records a request unanswered at its deadline as failed, and a late reply changes nothing', async () => {
    const { carrier, deps, settle } = world();
    await booked('o-3');
    await requestLabel(deps, 'o-3', asked);
    const requestId = carrier.requests[0]?.correlationId ?? '';
    await expect(settleLabel(settle, { kind: 'deadline', requestId })).resolves.toBe('FAILED');
    await expect(settleLabel(settle, reply(requestId))).resolves.toBe('ignored: already-failed request');
    expect(
      (await outboxEventsOf(client, outboxTable, 'o-3')).map(({ type, data }) => [type, data]),
    ).toContainEqual([
      'ShipmentLabelFailed',
      { orderId: 'o-3', shipmentId: 'shp_o-3', requestId, reason: 'CARRIER_TIMEOUT' },
    ]);
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
      await requestLabel(deps, orderId, asked);
      const requestId = carrier.requests[0]?.correlationId ?? '';
      const outcomes = await Promise.all([
        settleLabel(settle, reply(requestId)),
        settleLabel(settle, { kind: 'deadline', requestId }),
      ]);
      const winners = outcomes.filter((outcome) => !outcome.startsWith('ignored'));
      expect(winners).toHaveLength(1);
      const label = (await store.get(orderId))?.label;
      expect(label?.status).toBe(winners[0]);
      const ends = (await outboxEventsOf(client, outboxTable, orderId)).filter(({ type }) =>
        ['ShipmentLabelled', 'ShipmentLabelFailed'].includes(type),
      );
      expect(ends).toHaveLength(1);
    }
  });

  it('asks once per shipment: a repeat sends the same request again while it is pending, nothing once settled', async () => {
    const { carrier, deps, settle } = world();
    await booked('o-4');
    await requestLabel(deps, 'o-4', asked);
    await requestLabel(deps, 'o-4', asked);
    const [first, second] = carrier.requests;
    expect(second).toEqual(first);
    await settleLabel(settle, reply(first?.correlationId ?? ''));
    await expect(requestLabel(deps, 'o-4', asked)).resolves.toBe('already LABELLED');
    expect(carrier.requests).toHaveLength(2);
  });

  it('a send that failed is sent again on the retry, under the same request id, its deadline set before it', async () => {
    const { carrier, deps } = world();
    await booked('o-5');
    carrier.failNextRequest = true;
    await expect(requestLabel(deps, 'o-5', asked)).rejects.toThrow('queue unavailable');
    expect(carrier.deadlines).toHaveLength(1);
    await expect(requestLabel(deps, 'o-5', asked)).resolves.toBe('requested');
    expect(carrier.requests.map((r) => r.correlationId)).toEqual([carrier.deadlines[0]?.requestId]);
  });

  it('asks no label for a shipment cancelled, unavailable, or never booked', async () => {
    const { carrier, deps } = world();
    await booked('o-6');
    await store.cancel('o-6', step);
    await booked('o-7', 'XX');
    for (const orderId of ['o-6', 'o-7', 'o-none']) {
      await expect(requestLabel(deps, orderId, asked)).resolves.toBe('no shipment to label');
    }
    expect(carrier.requests).toEqual([]);
    expect((await store.get('o-6'))?.label).toBeUndefined();
  });

  it('records no request for a shipment booked before shipments kept their address', async () => {
    const { carrier, deps } = world();
    await store.schedule(
      {
        orderId: 'o-legacy',
        status: 'SCHEDULED',
        shipmentId: 'shp_o-legacy',
        country: 'GB',
        declaredValue: { amount: 25, currency: 'EUR' },
      },
      step,
    );
    await expect(requestLabel(deps, 'o-legacy', asked)).resolves.toBe('no shipment to label');
    expect((await store.get('o-legacy'))?.label).toBeUndefined();
    expect(carrier.deadlines).toEqual([]);
  });

  it('a request retried after its shipment was cancelled sets the deadline (which ends it, not counted as a carrier failure) and sends nothing', async () => {
    const { carrier, deps, settle } = world();
    await booked('o-9');
    carrier.failNextDeadline = true;
    await expect(requestLabel(deps, 'o-9', asked)).rejects.toThrow('queue unavailable');
    await store.cancel('o-9', step);
    await expect(requestLabel(deps, 'o-9', asked)).resolves.toBe('no shipment to label');
    expect(carrier.requests).toEqual([]);
    const [deadline] = carrier.deadlines;
    await expect(
      settleLabel(settle, { kind: 'deadline', requestId: deadline?.requestId ?? '' }),
    ).resolves.toBe(VOID_LABEL_FAILED);
  });

  it('asks again at a deadline with attempts left: one conditional write with its event, deadline sent first; late replies change nothing; the last deadline fails it', async () => {
    const w = world();
    const { carrier, deps, settle } = w;
    const timeouts = deadlines(w, 2);
    await booked('o-10');
    await requestLabel(deps, 'o-10', asked);
    const first = carrier.requests[0]?.correlationId ?? '';
    await expect(settleLabel(timeouts, { kind: 'deadline', requestId: first })).resolves.toBe(
      'asked again (attempt 2)',
    );
    const second = carrier.requests[1]?.correlationId ?? '';
    expect(second).toMatch(/^o-10~id\d+$/);
    expect(second).not.toBe(first);
    expect(carrier.deadlines.map((d) => d.requestId)).toEqual([first, second]);
    expect(carrier.requests[1]).toMatchObject({ shipmentId: 'shp_o-10', replyTo: deps.replyTo, attempt: 2 });
    await expect(settleLabel(settle, reply(first))).resolves.toBe('ignored: superseded request');
    expect(shipmentView((await store.get('o-10')) ?? ({} as never)).label).toEqual({ status: 'REQUESTED' });
    await expect(settleLabel(timeouts, { kind: 'deadline', requestId: second })).resolves.toBe('FAILED');
    await expect(settleLabel(settle, reply(second))).resolves.toBe('ignored: already-failed request');
    const events = (await outboxEventsOf(client, outboxTable, 'o-10')).filter(({ type }) =>
      type.startsWith('ShipmentLabel'),
    );
    // (Sorted: events written within a millisecond have no order by time.)
    expect(
      events
        .map(({ type, data, metadata }) => [type, data.requestId, data.attempt, metadata.causationId])
        .sort((a, b) => (String(a) < String(b) ? -1 : 1)),
    ).toEqual(
      [
        ['ShipmentLabelRequested', first, 1, 'evt-confirmed'],
        ['ShipmentLabelRequested', second, 2, first],
        ['ShipmentLabelFailed', second, undefined, second],
      ].sort((a, b) => (String(a) < String(b) ? -1 : 1)),
    );
    expect(events.every(({ metadata }) => metadata.correlationId === 'corr-1')).toBe(true);
  });

  it('a deadline delivered twice, racing: one asks again, the other sends that request again; one request recorded per attempt', async () => {
    for (let round = 0; round < 5; round++) {
      const w = world();
      const orderId = `o-twice-${round}`;
      await booked(orderId);
      await requestLabel(w.deps, orderId, asked);
      const first = w.carrier.requests[0]?.correlationId ?? '';
      const outcomes = await Promise.all([
        settleLabel(deadlines(w, 3), { kind: 'deadline', requestId: first }),
        settleLabel(deadlines(w, 3), { kind: 'deadline', requestId: first }),
      ]);
      expect(outcomes.sort()).toEqual(['asked again (attempt 2)', 'sent again (attempt 2)']);
      const pending = (await store.get(orderId))?.label;
      expect(pending).toMatchObject({ status: 'REQUESTED', earlierRequestIds: [first] });
      // Whatever was sent is the one pending request, each time with its deadline.
      expect(new Set(w.carrier.requests.slice(1).map((r) => r.correlationId))).toEqual(
        new Set([pending?.requestId]),
      );
      expect(w.carrier.deadlines.slice(1).map((d) => d.requestId)).toEqual([
        pending?.requestId,
        pending?.requestId,
      ]);
      const requested = (await outboxEventsOf(client, outboxTable, orderId)).filter(
        ({ type }) => type === 'ShipmentLabelRequested',
      );
      expect(requested.map(({ data }) => data.attempt)).toEqual([1, 2]);
    }
  });

  it('a reply and the deadline of one pending request racing: the reply labels it, or the deadline asks again and the reply is superseded', async () => {
    for (let round = 0; round < 5; round++) {
      const w = world();
      const orderId = `o-race-again-${round}`;
      await booked(orderId);
      await requestLabel(w.deps, orderId, asked);
      const first = w.carrier.requests[0]?.correlationId ?? '';
      const outcomes = await Promise.all([
        settleLabel(w.settle, reply(first)),
        settleLabel(deadlines(w, 3), { kind: 'deadline', requestId: first }),
      ]);
      const label = (await store.get(orderId))?.label;
      expect([
        ['LABELLED', 'ignored: already-labelled request'],
        ['ignored: superseded request', 'asked again (attempt 2)'],
      ]).toContainEqual(outcomes);
      expect(label?.status).toBe(outcomes[0] === 'LABELLED' ? 'LABELLED' : 'REQUESTED');
    }
  });

  it('hides a cancelled shipment’s tracking number: its label is void', async () => {
    const { carrier, deps, settle } = world();
    await booked('o-8');
    await requestLabel(deps, 'o-8', asked);
    await settleLabel(settle, reply(carrier.requests[0]?.correlationId ?? ''));
    await store.cancel('o-8', step);
    expect(shipmentView((await store.get('o-8')) ?? ({} as never))).toEqual({
      orderId: 'o-8',
      status: 'CANCELLED',
      shipmentId: 'shp_o-8',
      label: { status: 'LABELLED' },
    });
  });

  /** A booked shipment whose label failed after every one of `attempts` requests; returns the last id. */
  async function failedLabel(w: ReturnType<typeof world>, orderId: string, attempts = 2): Promise<string> {
    await booked(orderId);
    await requestLabel(w.deps, orderId, asked);
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const pending = w.carrier.requests.at(-1)?.correlationId ?? '';
      await settleLabel(deadlines(w, attempts), { kind: 'deadline', requestId: pending });
    }
    const label = (await store.get(orderId))?.label;
    expect(label?.status).toBe('FAILED');
    return label?.requestId ?? '';
  }

  it('an operator asks again for a FAILED label: one conditional write with its event, deadline sent first; the failed request’s late reply changes nothing; the new one is a single attempt', async () => {
    const w = world();
    const failed = await failedLabel(w, 'o-op-1');
    const again = await askLabelAgain(w.deps, 'o-op-1');
    const pending = again.label?.requestId ?? '';
    expect(await store.get('o-op-1')).toEqual(again);
    expect(again.label).toMatchObject({
      status: 'REQUESTED',
      earlierRequestIds: [expect.any(String), failed],
    });
    expect(w.carrier.deadlines.at(-1)?.requestId).toBe(pending);
    expect(w.carrier.requests.at(-1)).toMatchObject({ correlationId: pending, attempt: 3 });
    await expect(settleLabel(w.settle, reply(failed))).resolves.toBe('ignored: superseded request');
    const requested = (await outboxEventsOf(client, outboxTable, 'o-op-1')).filter(
      ({ data }) => data.requestId === pending,
    );
    expect(requested.map(({ type, data, metadata }) => [type, data.attempt, metadata.causationId])).toEqual([
      ['ShipmentLabelRequested', 3, failed],
    ]);
    // Past the stage's attempts: its deadline fails it again rather than asking again.
    await expect(settleLabel(deadlines(w, 2), { kind: 'deadline', requestId: pending })).resolves.toBe(
      'FAILED',
    );
  });

  it('an operator’s request answered: labelled', async () => {
    const w = world();
    await failedLabel(w, 'o-op-2');
    const pending = (await askLabelAgain(w.deps, 'o-op-2')).label?.requestId ?? '';
    await expect(settleLabel(w.settle, reply(pending, 'SP0042'))).resolves.toBe('LABELLED');
    expect(shipmentView((await store.get('o-op-2')) ?? ({} as never))).toMatchObject({
      label: { status: 'LABELLED' },
      trackingNumber: 'SP0042',
    });
  });

  it('two operators racing: one supersedes the failed request, the other is refused; one request, one event', async () => {
    for (let round = 0; round < 5; round++) {
      const w = world();
      const orderId = `o-op-race-${round}`;
      const failed = await failedLabel(w, orderId);
      const sent = w.carrier.requests.length;
      const outcomes = await Promise.allSettled([
        askLabelAgain(w.deps, orderId),
        askLabelAgain(w.deps, orderId),
      ]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refused = outcomes.find((o) => o.status === 'rejected');
      expect(refused?.reason).toMatchObject({ kind: 'conflict' });
      const label = (await store.get(orderId))?.label;
      expect(w.carrier.requests.slice(sent).map((r) => r.correlationId)).toEqual([label?.requestId]);
      const requested = (await outboxEventsOf(client, outboxTable, orderId)).filter(
        ({ type, metadata }) => type === 'ShipmentLabelRequested' && metadata.causationId === failed,
      );
      expect(requested.map(({ data }) => data.requestId)).toEqual([label?.requestId]);
    }
  });

  it('the conditional write refuses a FAILED label of a cancelled shipment, and a request that is not the failed one', async () => {
    const w = world();
    const failed = await failedLabel(w, 'o-op-3');
    const next = {
      status: 'REQUESTED',
      requestId: 'o-op-3~next',
      requestedAt: now().toISOString(),
      trace: asked,
    } as const;
    await expect(store.supersedeFailedLabel('o-op-3', 'o-op-3~other', next)).resolves.toBe(false);
    await store.cancel('o-op-3', step);
    await expect(store.supersedeFailedLabel('o-op-3', failed, next)).resolves.toBe(false);
    await expect(askLabelAgain(w.deps, 'o-op-3')).rejects.toMatchObject({ kind: 'conflict' });
    expect((await store.get('o-op-3'))?.label).toMatchObject({ status: 'FAILED', requestId: failed });
    await expect(askLabelAgain(w.deps, 'o-op-none')).rejects.toMatchObject({ kind: 'not-found' });
  });
});
