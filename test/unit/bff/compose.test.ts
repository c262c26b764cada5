import fc from 'fast-check';
import { compose, type PartBreaker, type PartSpec } from '../../../lambdas/bff/composition/compose';
import { CircuitOpenError } from '../../../lambdas/shared/resilience/circuit-breaker';

const never = <T>(signal: AbortSignal): Promise<T> =>
  new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));

describe('compose: every part at once, each within its time, the whole within the deadline', () => {
  it('loads the parts in parallel: each waits for all the others to have started', async () => {
    let started = 0;
    let allStarted: () => void = () => {};
    const everyoneIn = new Promise<void>((resolve) => {
      allStarted = resolve;
    });
    const part = (value: string): PartSpec<string> => ({
      timeoutMs: 5_000,
      load: async () => {
        started += 1;
        if (started === 3) allStarted();
        await everyoneIn; // a sequential composition would wait here forever (then time out)
        return value;
      },
    });
    const composed = await compose({ a: part('A'), b: part('B'), c: part('C') }, { deadlineMs: 5_000 });
    expect(composed).toEqual({
      a: { kind: 'found', value: 'A' },
      b: { kind: 'found', value: 'B' },
      c: { kind: 'found', value: 'C' },
    });
  });

  it('tells a part that does not exist yet from one that failed', async () => {
    const boom = new Error('HTTP 500');
    const composed = await compose(
      {
        missing: { timeoutMs: 1_000, load: async () => undefined },
        failing: { timeoutMs: 1_000, load: () => Promise.reject(boom) },
      },
      { deadlineMs: 1_000 },
    );
    expect(composed.missing).toEqual({ kind: 'absent' });
    expect(composed.failing).toEqual({ kind: 'failed', failure: { kind: 'failed', error: boom } });
  });

  it('answers without a part that is late, and aborts its call', async () => {
    let aborted: unknown;
    const composed = await compose(
      {
        fast: { timeoutMs: 1_000, load: async () => 'here' },
        slow: {
          timeoutMs: 20,
          load: (signal) => {
            signal.addEventListener('abort', () => {
              aborted = signal.reason;
            });
            return never(signal);
          },
        },
      },
      { deadlineMs: 1_000 },
    );
    expect(composed.fast).toEqual({ kind: 'found', value: 'here' });
    expect(composed.slow).toEqual({ kind: 'failed', failure: { kind: 'late', afterMs: 20 } });
    expect(aborted).toMatchObject({ name: 'TimeoutError', afterMs: 20 });
  });

  it('gives a part no more than what is left of the deadline', async () => {
    const now = Date.now();
    const composed = await compose(
      { slow: { timeoutMs: 5_000, load: never } },
      // The request started 970 ms ago with a 1 s deadline: 30 ms are left for the part.
      { deadlineMs: 1_000, startedAt: now - 970, now: () => now },
    );
    expect(composed.slow).toEqual({ kind: 'failed', failure: { kind: 'late', afterMs: 30 } });
  });

  it('a part past the deadline already is late at once, not called late', async () => {
    const now = Date.now();
    const composed = await compose(
      { slow: { timeoutMs: 5_000, load: never } },
      { deadlineMs: 1_000, startedAt: now - 2_000, now: () => now },
    );
    expect(composed.slow).toEqual({ kind: 'failed', failure: { kind: 'late', afterMs: 0 } });
  });

  it("goes through the part's breaker, reports an open circuit, and lets answers not count as failures", async () => {
    const seen: { isFailure: (error: unknown) => boolean }[] = [];
    const open: PartBreaker = {
      call: (_fn, options) => {
        seen.push(options);
        return Promise.reject(new CircuitOpenError('payments', 'OPEN', 12_000));
      },
    };
    const passing: PartBreaker = {
      call: (fn, options) => {
        seen.push(options);
        return fn();
      },
    };
    const answer = new Error('an answer');
    const composed = await compose(
      {
        refused: { timeoutMs: 100, breaker: open, load: async () => 'never asked' },
        through: {
          timeoutMs: 100,
          breaker: passing,
          load: async () => 'asked',
          isAnswer: (error) => error === answer,
        },
      },
      { deadlineMs: 100 },
    );
    expect(composed.refused).toEqual({
      kind: 'failed',
      failure: { kind: 'circuit-open', retryAfterMs: 12_000 },
    });
    expect(composed.through).toEqual({ kind: 'found', value: 'asked' });
    expect(seen[0]?.isFailure(new Error('HTTP 503'))).toBe(true);
    expect(seen[1]?.isFailure(answer)).toBe(false);
    expect(seen[1]?.isFailure(new Error('HTTP 503'))).toBe(true);
  });

  it('for any mix of answers, absences, failures and hangs, each part ends as its backend did, and hangs are late', async () => {
    type Behaviour = 'value' | 'absent' | 'fails' | 'hangs';
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.stringMatching(/^[a-z]{1,6}$/),
          fc.constantFrom<Behaviour>('value', 'absent', 'fails', 'hangs'),
          { minKeys: 1, maxKeys: 6 },
        ),
        async (behaviours) => {
          const parts = Object.fromEntries(
            Object.entries(behaviours).map(([name, behaviour]) => {
              const spec: PartSpec<string> = {
                timeoutMs: 15,
                load: (signal) => {
                  if (behaviour === 'value') return Promise.resolve(`value of ${name}`);
                  if (behaviour === 'absent') return Promise.resolve(undefined);
                  if (behaviour === 'fails') return Promise.reject(new Error(name));
                  return never(signal);
                },
              };
              return [name, spec];
            }),
          );
          const composed = await compose(parts, { deadlineMs: 15 });
          expect(Object.keys(composed).sort()).toEqual(Object.keys(behaviours).sort());
          for (const [name, behaviour] of Object.entries(behaviours)) {
            const outcome = composed[name];
            if (behaviour === 'value') expect(outcome).toEqual({ kind: 'found', value: `value of ${name}` });
            if (behaviour === 'absent') expect(outcome).toEqual({ kind: 'absent' });
            if (behaviour === 'fails')
              expect(outcome).toEqual({
                kind: 'failed',
                failure: { kind: 'failed', error: new Error(name) },
              });
            if (behaviour === 'hangs')
              expect(outcome).toMatchObject({ kind: 'failed', failure: { kind: 'late' } });
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
