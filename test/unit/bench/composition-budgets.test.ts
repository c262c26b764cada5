import { evaluateCompositionBudgets, evaluateProductCacheBudgets } from '../../../bench/budgets';
import type { CompositionBench } from '../../../bench/composition';
import { summarize } from '../../../bench/stats';

const ms = (value: number) => summarize([value, value, value]);

function bench(composedWeb: number, delayedMax: number): CompositionBench {
  return {
    rounds: 3,
    composed: { web: ms(composedWeb), mobile: ms(10) },
    parts: { orders: ms(5), customers: ms(4), payments: ms(4), shipping: ms(4) },
    slowestPart: 'orders',
    partsAtOnce: ms(12),
    hop: ms(3),
    delayed: { composed: summarize([3_000, 3_100, delayedMax]), deadlineMs: 4_000, partTimeoutMs: 3_000 },
    bytes: { web: 776, mobile: 160 },
  };
}

describe('the composition budgets', () => {
  it('compare the composed p50 with its calls on this machine, and print the ratio to the slowest part alone', () => {
    const [calls, alone, delayed] = evaluateCompositionBudgets(bench(16.5, 3_300));
    expect(calls).toMatchObject({ actual: 1.1, limit: 1.3, pass: true });
    expect(alone).toMatchObject({ actual: 3.3, reference: true });
    expect(delayed).toMatchObject({ actual: 0.825, limit: 1.1, pass: true });
  });

  it('fail a composition slower than its calls by more than 30%, or a held backend past the deadline + 10%', () => {
    const [calls, , delayed] = evaluateCompositionBudgets(bench(20, 4_500));
    expect(calls?.pass).toBe(false);
    expect(delayed?.pass).toBe(false);
  });

  it('fail when there is nothing measured', () => {
    expect(
      evaluateCompositionBudgets(null)
        .filter((budget) => !budget.reference)
        .every((b) => !b.pass),
    ).toBe(true);
  });
});

describe('the product cache budget', () => {
  const series = (invocations: number) => ({ latency: summarize([1, 2, 3]), invocations });
  it('passes only when no cache hit ran the function', () => {
    expect(
      evaluateProductCacheBudgets({ requests: 3, cached: series(0), uncached: series(3) })[0]?.pass,
    ).toBe(true);
    expect(
      evaluateProductCacheBudgets({ requests: 3, cached: series(1), uncached: series(3) })[0]?.pass,
    ).toBe(false);
    expect(evaluateProductCacheBudgets(null)[0]?.pass).toBe(false);
  });
});
