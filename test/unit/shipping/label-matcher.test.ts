import fc from 'fast-check';
import {
  decide,
  type Label,
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
