import fc from 'fast-check';
import {
  attemptOf,
  decide,
  type Label,
  type LabelDecision,
  type LabelSignal,
  labelRequestId,
  orderIdOfRequest,
} from '../../../lambdas/shipping/domain/label';

/**
 * The matcher under whatever a queue does to replies and deadlines: duplicated, reordered, missing, and
 * mixed with signals of other requests. Each request ends once, in the first valid signal, and nothing
 * after changes it.
 */
const REQUEST = labelRequestId('3f2b8c1e-9a4d-4e7b-8f6a-2c5d1e0b9a87', 'r1');
const OTHER = labelRequestId('3f2b8c1e-9a4d-4e7b-8f6a-2c5d1e0b9a87', 'r0');
const pending: Label = {
  status: 'REQUESTED',
  requestId: REQUEST,
  requestedAt: '2026-12-05T10:00:00.000Z',
  trace: { correlationId: 'corr-1', causationId: 'evt-1' },
};

const signal: fc.Arbitrary<LabelSignal> = fc.oneof(
  fc.record({
    kind: fc.constant('reply' as const),
    requestId: fc.constantFrom(REQUEST, OTHER),
    carrier: fc.constantFrom('Stub Parcels', 'Other Parcels'),
    trackingNumber: fc.stringMatching(/^SP[0-9A-F]{4}$/),
  }),
  fc.record({ kind: fc.constant('deadline' as const), requestId: fc.constantFrom(REQUEST, OTHER) }),
);

/** Runs signals through the matcher as the store would apply its decisions; returns every change made. */
function run(signals: readonly LabelSignal[]): { final: Label; changes: Label[] } {
  let label = pending;
  const changes: Label[] = [];
  signals.forEach((s, index) => {
    const decision = decide(label, s, `2026-12-05T10:00:${String(index).padStart(2, '0')}.000Z`);
    if (decision.kind === 'settle') {
      label = decision.label;
      changes.push(label);
    }
  });
  return { final: label, changes };
}

describe('the label matcher (request state, reply | deadline) -> decision', () => {
  it('settles a request at most once, by the first signal of that request, whatever the order, duplicates and strays', () => {
    fc.assert(
      fc.property(fc.array(signal, { maxLength: 12 }), (signals) => {
        const { final, changes } = run(signals);
        const first = signals.find((s) => s.requestId === REQUEST);
        if (first === undefined) {
          // Missing reply and deadline: still pending (the deadline message is what ends it, never nothing).
          expect(changes).toEqual([]);
          expect(final).toEqual(pending);
          return;
        }
        expect(changes).toHaveLength(1);
        if (first.kind === 'reply') {
          expect(final).toMatchObject({
            status: 'LABELLED',
            carrier: first.carrier,
            trackingNumber: first.trackingNumber,
          });
        } else {
          expect(final).toMatchObject({ status: 'FAILED', reason: 'CARRIER_TIMEOUT' });
        }
        expect(final).toMatchObject({
          requestId: REQUEST,
          requestedAt: pending.requestedAt,
          trace: pending.trace,
        });
      }),
    );
  });

  it('changes nothing once a request is settled, and says why', () => {
    fc.assert(
      fc.property(signal, signal, (settling, later) => {
        fc.pre(settling.requestId === REQUEST);
        const first = decide(pending, settling, 't1');
        if (first.kind !== 'settle') throw new Error('a pending request is settled by its own signal');
        const again = decide(first.label, later, 't2');
        expect(again).toEqual({
          kind: 'ignore',
          why:
            later.requestId !== REQUEST
              ? 'unknown'
              : first.label.status === 'LABELLED'
                ? 'already-labelled'
                : 'already-failed',
        });
      }),
    );
  });

  it('without a way to ask again (a reply; a cancelled shipment), a deadline fails the request at once', () => {
    const decision = decide(pending, { kind: 'deadline', requestId: REQUEST }, 't');
    expect(decision).toMatchObject({ kind: 'settle', label: { status: 'FAILED', requestId: REQUEST } });
  });

  it('ignores a signal for a shipment with no label request as unknown', () => {
    expect(decide(undefined, { kind: 'deadline', requestId: REQUEST }, 't')).toEqual({
      kind: 'ignore',
      why: 'unknown',
    });
  });

  it('finds the order in a request id it made, and none in one it did not', () => {
    expect(orderIdOfRequest(REQUEST)).toBe('3f2b8c1e-9a4d-4e7b-8f6a-2c5d1e0b9a87');
    for (const stranger of ['', 'no-separator', '~leading', 'trailing~']) {
      expect(orderIdOfRequest(stranger)).toBeUndefined();
    }
  });
});

/**
 * Asked again: each deadline of the pending request supersedes it by a new one (a new id) until the last
 * attempt's deadline fails the label. The signals of every attempt's request come duplicated, reordered,
 * late (after the request was superseded or the label settled) and mixed with strangers'.
 */
describe('the label matcher across attempts', () => {
  const ORDER = '3f2b8c1e-9a4d-4e7b-8f6a-2c5d1e0b9a87';
  /** The request of each attempt: the matcher is given the next one's id when it may ask again. */
  const attemptId = (attempt: number) => labelRequestId(ORDER, `a${attempt}`);
  const first: Label = { ...pending, requestId: attemptId(1) };
  const ids = [attemptId(1), attemptId(2), attemptId(3), OTHER];

  const anySignal: fc.Arbitrary<LabelSignal> = fc.oneof(
    fc.record({
      kind: fc.constant('reply' as const),
      requestId: fc.constantFrom(...ids),
      carrier: fc.constant('Stub Parcels'),
      trackingNumber: fc.stringMatching(/^SP[0-9A-F]{4}$/),
    }),
    fc.record({ kind: fc.constant('deadline' as const), requestId: fc.constantFrom(...ids) }),
  );

  interface Step {
    readonly before: Label;
    readonly signal: LabelSignal;
    readonly decision: LabelDecision;
  }

  /** Applies each decision as the store would (settle and ask-again write; send-again and ignore do not). */
  function runAttempts(attempts: number, signals: readonly LabelSignal[]): { final: Label; steps: Step[] } {
    let label = first;
    const steps: Step[] = [];
    signals.forEach((signal, index) => {
      const askAgain = { attempts, nextRequestId: attemptId(attemptOf(label) + 1) };
      const decision = decide(
        label,
        signal,
        `2026-12-05T10:00:${String(index).padStart(2, '0')}.000Z`,
        askAgain,
      );
      steps.push({ before: label, signal, decision });
      if (decision.kind === 'settle' || decision.kind === 'ask-again') label = decision.label;
    });
    return { final: label, steps };
  }

  const attempts = fc.integer({ min: 1, max: 3 });
  const signals = fc.array(anySignal, { maxLength: 16 });

  it('changes a label only by a signal of its pending request; asks again only on its deadline, within the attempts', () => {
    fc.assert(
      fc.property(attempts, signals, (max, all) => {
        const { final, steps } = runAttempts(max, all);
        for (const { before, signal, decision } of steps) {
          if (decision.kind === 'settle' || decision.kind === 'ask-again') {
            expect(before.status).toBe('REQUESTED');
            expect(signal.requestId).toBe(before.requestId);
          }
          if (decision.kind === 'ask-again') {
            expect(signal.kind).toBe('deadline');
            expect(attemptOf(decision.label)).toBe(attemptOf(before) + 1);
            expect(attemptOf(decision.label)).toBeLessThanOrEqual(max);
            expect(decision.label).toMatchObject({
              status: 'REQUESTED',
              earlierRequestIds: [...(before.earlierRequestIds ?? []), before.requestId],
              trace: { correlationId: first.trace.correlationId, causationId: before.requestId },
            });
          }
          if (decision.kind === 'settle' && decision.label.status === 'FAILED') {
            // Only the last attempt's deadline fails the label.
            expect(attemptOf(before)).toBe(max);
          }
        }
        expect(steps.filter(({ decision }) => decision.kind === 'settle').length).toBeLessThanOrEqual(1);
        expect(final.trace.correlationId).toBe(first.trace.correlationId);
      }),
    );
  });

  it('a late or duplicated reply to a superseded request changes nothing, nor does one after the label is settled', () => {
    fc.assert(
      fc.property(attempts, signals, (max, all) => {
        const { steps } = runAttempts(max, all);
        for (const { before, signal, decision } of steps) {
          const superseded = before.earlierRequestIds?.includes(signal.requestId) ?? false;
          if (signal.kind === 'reply' && superseded) {
            expect(decision).toEqual(
              before.status === 'REQUESTED'
                ? { kind: 'ignore', why: 'superseded' }
                : {
                    kind: 'ignore',
                    why: before.status === 'LABELLED' ? 'already-labelled' : 'already-failed',
                  },
            );
          }
          if (before.status !== 'REQUESTED') expect(decision.kind).toBe('ignore');
          if (!ids.slice(0, max).includes(signal.requestId)) {
            expect(decision).toEqual({ kind: 'ignore', why: 'unknown' });
          }
        }
      }),
    );
  });

  it('a redelivered deadline of the request just superseded sends the pending one again, and writes nothing; older ones are ignored', () => {
    fc.assert(
      fc.property(attempts, signals, (max, all) => {
        const { steps } = runAttempts(max, all);
        for (const { before, signal, decision } of steps) {
          if (decision.kind !== 'send-again') continue;
          expect(signal.kind).toBe('deadline');
          expect(before.earlierRequestIds?.at(-1)).toBe(signal.requestId);
          expect(decision.label).toBe(before);
        }
        for (const { before, signal, decision } of steps) {
          const earlier = before.earlierRequestIds ?? [];
          if (
            signal.kind === 'deadline' &&
            before.status === 'REQUESTED' &&
            earlier.slice(0, -1).includes(signal.requestId)
          ) {
            expect(decision).toEqual({ kind: 'ignore', why: 'superseded' });
          }
        }
      }),
    );
  });

  it('ends as the first signal of each pending request says: labelled by a reply to it, failed after every attempt’s deadline', () => {
    fc.assert(
      fc.property(attempts, signals, (max, all) => {
        const { final } = runAttempts(max, all);
        // The reference: walk the attempts, each ended by the first signal of its own request after it was made.
        let attempt = 1;
        let expected: Partial<Label> = { status: 'REQUESTED' };
        for (const signal of all) {
          if (expected.status !== 'REQUESTED' || signal.requestId !== attemptId(attempt)) continue;
          if (signal.kind === 'reply') {
            expected = { status: 'LABELLED', carrier: signal.carrier, trackingNumber: signal.trackingNumber };
          } else if (attempt < max) attempt++;
          else expected = { status: 'FAILED', reason: 'CARRIER_TIMEOUT' };
        }
        expect(final).toMatchObject({ ...expected, requestId: attemptId(attempt) });
        expect(attemptOf(final)).toBe(attempt);
      }),
    );
  });

  it('a deadline of a request its shipment recorded before labels were asked again (no earlier ids) is its first attempt', () => {
    const decision = decide(pending, { kind: 'deadline', requestId: REQUEST }, 't', {
      attempts: 2,
      nextRequestId: attemptId(2),
    });
    expect(decision).toMatchObject({
      kind: 'ask-again',
      label: { requestId: attemptId(2), earlierRequestIds: [REQUEST], requestedAt: 't' },
    });
  });
});
