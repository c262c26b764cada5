import { attemptOf, decide, type Label } from '../../../lambdas/shipping/domain/label';
import { retryFailedLabel } from '../../../lambdas/shipping/domain/label-retry';

/**
 * The operator's ask-again, as a decision table: only a FAILED label of a booked shipment is superseded;
 * a pending one is refused unless it is older than twice its deadline (its deadline was lost: sent again);
 * and the operator's request is a single attempt, its deadline failing it again rather than asking again.
 */
const ORDER = '3f2b8c1e-9a4d-4e7b-8f6a-2c5d1e0b9a87';
const NEXT = `${ORDER}~r9`;
const NOW = '2026-12-05T11:00:00.000Z';
const DEADLINE_SECONDS = 5;
const trace = { correlationId: 'corr-1', causationId: 'evt-1' };
const base = { requestedAt: '2026-12-05T10:00:00.000Z', trace };
const failed: Label = {
  ...base,
  status: 'FAILED',
  requestId: `${ORDER}~r2`,
  earlierRequestIds: [`${ORDER}~r1`],
  reason: 'CARRIER_TIMEOUT',
  settledAt: '2026-12-05T10:00:10.000Z',
};
const labelled: Label = {
  ...base,
  status: 'LABELLED',
  requestId: `${ORDER}~r1`,
  carrier: 'Stub Parcels',
  trackingNumber: 'SP0001',
  settledAt: '2026-12-05T10:00:01.000Z',
};
const pendingAt = (requestedAt: string): Label => ({
  ...base,
  requestedAt,
  status: 'REQUESTED',
  requestId: `${ORDER}~r1`,
});
const decideFor = (status: 'SCHEDULED' | 'CANCELLED' | 'UNAVAILABLE', label?: Label) =>
  retryFailedLabel({ status, ...(label ? { label } : {}) }, NEXT, NOW, DEADLINE_SECONDS);

describe('an operator asking the carrier again for a label', () => {
  it('supersedes a FAILED label of a booked shipment: a new id, the failed one kept as earlier, caused by it', () => {
    expect(decideFor('SCHEDULED', failed)).toEqual({
      kind: 'supersede',
      failedRequestId: `${ORDER}~r2`,
      label: {
        status: 'REQUESTED',
        requestId: NEXT,
        requestedAt: NOW,
        earlierRequestIds: [`${ORDER}~r1`, `${ORDER}~r2`],
        trace: { correlationId: 'corr-1', causationId: `${ORDER}~r2` },
      },
    });
  });

  it.each([
    ['a cancelled shipment, even with a FAILED label', 'CANCELLED', failed, 'not-booked'],
    ['an unavailable shipment', 'UNAVAILABLE', undefined, 'not-booked'],
    ['a booked shipment with no label asked yet', 'SCHEDULED', undefined, 'not-asked'],
    ['a LABELLED label', 'SCHEDULED', labelled, 'labelled'],
    [
      'a pending request within twice its deadline',
      'SCHEDULED',
      pendingAt('2026-12-05T10:59:51.000Z'),
      'pending',
    ],
  ] as const)('refuses %s', (_, status, label, why) => {
    expect(decideFor(status, label)).toEqual({ kind: 'refuse', why });
  });

  it('sends again, writing nothing, a pending request older than twice its deadline (its deadline was lost)', () => {
    const stuck = pendingAt('2026-12-05T10:59:49.000Z');
    expect(decideFor('SCHEDULED', stuck)).toEqual({ kind: 'send-again', label: stuck });
  });

  it('is one attempt: its number follows the last, and its deadline fails it rather than asking again', () => {
    const decision = decideFor('SCHEDULED', failed);
    if (decision.kind !== 'supersede') throw new Error(decision.kind);
    expect(attemptOf(decision.label)).toBe(3);
    const deadline = decide(decision.label, { kind: 'deadline', requestId: NEXT }, NOW, {
      attempts: 2,
      nextRequestId: `${ORDER}~r10`,
    });
    expect(deadline).toMatchObject({ kind: 'settle', label: { status: 'FAILED', requestId: NEXT } });
  });

  it('takes the failed request’s late reply for nothing once superseded', () => {
    const decision = decideFor('SCHEDULED', failed);
    if (decision.kind !== 'supersede') throw new Error(decision.kind);
    const late = {
      kind: 'reply',
      requestId: `${ORDER}~r2`,
      carrier: 'Stub Parcels',
      trackingNumber: 'SP1',
    } as const;
    expect(decide(decision.label, late, NOW)).toEqual({ kind: 'ignore', why: 'superseded' });
  });
});
