import { Metrics } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE } from '../../../lambdas/shared/metrics-namespace';
import { LABELS_FAILED_METRIC } from '../../../lambdas/shipping/contract';
import { labelDeadlines, labelReplies } from '../../../lambdas/shipping/handlers/labels';
import { lambdaContext } from '../../helpers/api-gateway-event';
import { capturedLogs } from '../../helpers/captured-logs';
import { InMemoryLabelStore } from '../../helpers/in-memory-label-store';
import { sqsEvent } from '../../helpers/sqs-event';

/**
 * Shipping's reply and deadline consumers, in process: each message matched to its request, the outcome
 * logged with the transaction's correlation id; a message that is not what the queue carries, or that
 * could not be recorded, fails alone (back to its queue, then its DLQ).
 */
const ORDER = '3f2b8c1e-9a4d-4e7b-8f6a-2c5d1e0b9a87';
const REQUEST = `${ORDER}~r1`;
const reply = (trackingNumber = 'SP0001', correlationId = REQUEST) => ({
  correlationId,
  carrier: 'Stub Parcels',
  trackingNumber,
});

function world() {
  const store = InMemoryLabelStore.withBooked(ORDER, {
    status: 'REQUESTED',
    requestId: REQUEST,
    requestedAt: '2026-12-05T10:00:00.000Z',
    trace: { correlationId: 'corr-7', causationId: 'evt-1' },
  });
  const deps = { shipments: store, now: () => new Date('2026-12-05T10:00:03.000Z') };
  const replies = labelReplies(deps);
  const deadlines = labelDeadlines({
    ...deps,
    metrics: new Metrics({ namespace: METRICS_NAMESPACE, serviceName: 'shipping' }),
  });
  return {
    store,
    replies: (bodies: unknown[]) => capturedLogs(() => replies(sqsEvent(bodies, 'corr-7'), lambdaContext())),
    deadlines: (bodies: unknown[]) =>
      capturedLogs(() => deadlines(sqsEvent(bodies, 'corr-7'), lambdaContext())),
  };
}

/** The label failures counted in the EMF lines the deadline consumer wrote (CloudWatch reads them so). */
const labelsFailed = (lines: Record<string, unknown>[]) =>
  lines
    .filter((line) => line._aws !== undefined && line.service === 'shipping')
    .map((line) => line[LABELS_FAILED_METRIC]);

const outcomes = (lines: Record<string, unknown>[]) =>
  lines
    .filter((line) => String(line.message).endsWith(' handled'))
    .map(({ messageId, correlationId, outcome }) => ({ messageId, correlationId, outcome }));

describe("shipping's label reply and deadline consumers", () => {
  it('records the first reply; a duplicate in the same batch and the deadline after change nothing, each logged', async () => {
    const { store, replies, deadlines } = world();
    const { result, lines } = await replies([reply(), reply('SP0002')]);
    expect(result).toEqual({ batchItemFailures: [] });
    expect(
      outcomes(lines)
        .map(({ outcome }) => outcome)
        .sort(),
    ).toEqual(['LABELLED', 'ignored: already-labelled request']);
    expect(outcomes(lines).every(({ correlationId }) => correlationId === 'corr-7')).toBe(true);
    const labelled = store.shipments.get(ORDER);
    const late = await deadlines([{ requestId: REQUEST }]);
    expect(outcomes(late.lines)).toEqual([
      { messageId: 'm0', correlationId: 'corr-7', outcome: 'ignored: already-labelled request' },
    ]);
    expect(labelsFailed(late.lines)).toEqual([]);
    expect(store.shipments.get(ORDER)).toEqual(labelled);
  });

  it('records a deadline that finds the request pending as CARRIER_TIMEOUT; the late reply changes nothing', async () => {
    const { store, replies, deadlines } = world();
    const timedOut = await deadlines([{ requestId: REQUEST }]);
    expect(outcomes(timedOut.lines)[0]?.outcome).toBe('FAILED');
    // Counted once, for the alarm on a carrier that stopped answering.
    expect(labelsFailed(timedOut.lines)).toEqual([1]);
    expect(store.shipments.get(ORDER)?.label).toEqual({
      status: 'FAILED',
      requestId: REQUEST,
      requestedAt: '2026-12-05T10:00:00.000Z',
      reason: 'CARRIER_TIMEOUT',
      settledAt: '2026-12-05T10:00:03.000Z',
      trace: { correlationId: 'corr-7', causationId: 'evt-1' },
    });
    expect(outcomes((await replies([reply()])).lines)[0]?.outcome).toBe('ignored: already-failed request');
    expect(store.shipments.get(ORDER)?.label?.status).toBe('FAILED');
  });

  it('ignores, and logs, a reply to a request that is not ours or no longer current', async () => {
    const { replies } = world();
    const { lines } = await replies([reply('SP1', 'stranger'), reply('SP1', `${ORDER}~old`)]);
    expect(outcomes(lines).map(({ outcome }) => outcome)).toEqual([
      'ignored: unknown request',
      'ignored: unknown request',
    ]);
  });

  it('fails only the message that is not a reply or a deadline, and one whose record failed', async () => {
    const { store, replies, deadlines } = world();
    const { result } = await replies(['{', { correlationId: REQUEST }, reply()]);
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm0' }, { itemIdentifier: 'm1' }] });
    expect(store.shipments.get(ORDER)?.label?.status).toBe('LABELLED');
    store.failing = true;
    await expect(deadlines([{ requestId: REQUEST }])).rejects.toThrow('All records failed processing');
    store.failing = false;
    const mixed = await deadlines([{ orderId: ORDER }, { requestId: REQUEST }]);
    expect(mixed.result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm0' }] });
  });
});
