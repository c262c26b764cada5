import { Metrics } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE } from '../../../lambdas/shared/metrics-namespace';
import { LABELS_FAILED_METRIC } from '../../../lambdas/shipping/contract';
import { labelDeadlines, labelReplies } from '../../../lambdas/shipping/handlers/labels';
import { lambdaContext } from '../../helpers/api-gateway-event';
import { capturedLogs } from '../../helpers/captured-logs';
import { InMemoryLabelStore } from '../../helpers/in-memory-label-store';
import { RecordingCarrier } from '../../helpers/recording-carrier';
import { sqsEvent } from '../../helpers/sqs-event';

/**
 * The deadline consumer asking the carrier again, in process: a pending request's deadline supersedes it by
 * a new request (a new id, the attempt after), sent deadline first, until the stage's last attempt fails
 * the label; late replies and deadlines of superseded requests change nothing, and a deadline redelivered
 * after a crash between the record and the sends sends the pending request again.
 */
const ORDER = '3f2b8c1e-9a4d-4e7b-8f6a-2c5d1e0b9a87';
const FIRST = `${ORDER}~r1`;
const trace = { correlationId: 'corr-7', causationId: 'evt-1' };

function world(attempts = 3) {
  const store = InMemoryLabelStore.withBooked(ORDER, {
    status: 'REQUESTED',
    requestId: FIRST,
    requestedAt: '2026-12-05T10:00:00.000Z',
    trace,
  });
  const carrier = new RecordingCarrier();
  let ids = 1;
  const now = () => new Date('2026-12-05T10:00:05.000Z');
  const askAgain = {
    carrier,
    replyTo: 'https://sqs/replies',
    deadlineSeconds: 5,
    attempts,
    newId: () => `r${++ids}`,
  };
  const replies = labelReplies({ shipments: store, now });
  const deadlines = labelDeadlines({
    shipments: store,
    now,
    askAgain,
    metrics: new Metrics({ namespace: METRICS_NAMESPACE, serviceName: 'shipping' }),
  });
  const outcome = async (run: Promise<{ lines: Record<string, unknown>[] }>) => {
    const { lines } = await run;
    return {
      outcomes: lines.filter((line) => String(line.message).endsWith(' handled')).map((line) => line.outcome),
      failed: lines.filter((line) => line._aws !== undefined).map((line) => line[LABELS_FAILED_METRIC]),
    };
  };
  return {
    store,
    carrier,
    label: () => store.shipments.get(ORDER)?.label,
    deadline: (requestId: string) =>
      outcome(capturedLogs(() => deadlines(sqsEvent([{ requestId }], 'corr-7'), lambdaContext()))),
    reply: (correlationId: string) =>
      outcome(
        capturedLogs(() =>
          replies(
            sqsEvent([{ correlationId, carrier: 'Stub Parcels', trackingNumber: 'SP0001' }], 'corr-7'),
            lambdaContext(),
          ),
        ),
      ),
  };
}

describe('the label deadline consumer, asking again', () => {
  it('supersedes a pending request at its deadline by a new one, deadline sent first; no failure counted', async () => {
    const { carrier, label, deadline } = world();
    await expect(deadline(FIRST)).resolves.toEqual({ outcomes: ['asked again (attempt 2)'], failed: [] });
    expect(label()).toEqual({
      status: 'REQUESTED',
      requestId: `${ORDER}~r2`,
      requestedAt: '2026-12-05T10:00:05.000Z',
      earlierRequestIds: [FIRST],
      trace: { correlationId: 'corr-7', causationId: FIRST },
    });
    expect(carrier.deadlines).toEqual([{ requestId: `${ORDER}~r2`, delaySeconds: 5 }]);
    expect(carrier.requests).toEqual([
      expect.objectContaining({ correlationId: `${ORDER}~r2`, replyTo: 'https://sqs/replies', attempt: 2 }),
    ]);
  });

  it('fails the label only at the last attempt’s deadline, counted once; every late reply changes nothing', async () => {
    const { label, deadline, reply } = world(3);
    await deadline(FIRST);
    await deadline(`${ORDER}~r2`);
    await expect(reply(FIRST)).resolves.toMatchObject({ outcomes: ['ignored: superseded request'] });
    await expect(deadline(`${ORDER}~r3`)).resolves.toEqual({ outcomes: ['FAILED'], failed: [1] });
    expect(label()).toMatchObject({
      status: 'FAILED',
      reason: 'CARRIER_TIMEOUT',
      requestId: `${ORDER}~r3`,
      earlierRequestIds: [FIRST, `${ORDER}~r2`],
    });
    for (const late of [FIRST, `${ORDER}~r2`, `${ORDER}~r3`]) {
      await expect(reply(late)).resolves.toMatchObject({ outcomes: ['ignored: already-failed request'] });
    }
    expect(label()?.status).toBe('FAILED');
  });

  it('labels on a later attempt’s reply; the earlier request’s late reply and deadline change nothing', async () => {
    const { label, deadline, reply, carrier } = world();
    await deadline(FIRST);
    await expect(reply(`${ORDER}~r2`)).resolves.toMatchObject({ outcomes: ['LABELLED'] });
    const labelled = label();
    await expect(reply(FIRST)).resolves.toMatchObject({ outcomes: ['ignored: already-labelled request'] });
    await expect(deadline(`${ORDER}~r2`)).resolves.toMatchObject({
      outcomes: ['ignored: already-labelled request'],
    });
    await expect(deadline(FIRST)).resolves.toMatchObject({ outcomes: ['ignored: already-labelled request'] });
    expect(label()).toEqual(labelled);
    expect(carrier.requests).toHaveLength(1);
  });

  it('a crash after the record, before the sends: the redelivered deadline sends the pending request, deadline first, writing nothing', async () => {
    const { label, deadline, carrier } = world();
    carrier.failNextDeadline = true;
    // The message fails (back to its queue): the new request is recorded, nothing sent.
    await expect(deadline(FIRST)).rejects.toThrow('All records failed processing');
    const superseding = label();
    expect(superseding).toMatchObject({ status: 'REQUESTED', requestId: `${ORDER}~r2` });
    expect(carrier.requests).toEqual([]);
    await expect(deadline(FIRST)).resolves.toEqual({ outcomes: ['sent again (attempt 2)'], failed: [] });
    expect(label()).toEqual(superseding);
    expect(carrier.deadlines.map((d) => d.requestId)).toEqual([`${ORDER}~r2`]);
    expect(carrier.requests.map((r) => r.correlationId)).toEqual([`${ORDER}~r2`]);
    // Older than the one just superseded: nothing at all.
    await deadline(`${ORDER}~r2`);
    await expect(deadline(FIRST)).resolves.toMatchObject({ outcomes: ['ignored: superseded request'] });
    expect(carrier.requests).toHaveLength(2);
  });

  it('does not ask again for a cancelled shipment: its deadline fails the request, not counted as a carrier failure', async () => {
    const { store, label, deadline, carrier } = world();
    const shipment = store.shipments.get(ORDER);
    if (shipment) store.shipments.set(ORDER, { ...shipment, status: 'CANCELLED' });
    await expect(deadline(FIRST)).resolves.toEqual({
      outcomes: ['FAILED (shipment cancelled: not counted)'],
      failed: [],
    });
    expect(label()?.status).toBe('FAILED');
    expect(carrier.requests).toEqual([]);
  });
});
