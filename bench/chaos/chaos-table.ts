import { table } from '../text-table';
import type { RoundResult } from './run-chaos';

/**
 * The chaos figure: one row per fault (orders placed, final states, stuck, ledger and stock mismatches,
 * lost, not ended as the fault must), a total, the budgets, and every finding with its order.
 */
export function renderChaos(results: readonly RoundResult[]): string[] {
  const total = results.reduce(
    (sum, result) => ({
      placed: sum.placed + result.placed,
      confirmed: sum.confirmed + (result.outcomes.CONFIRMED ?? 0),
      stuck: sum.stuck + result.stuck,
      ledger: sum.ledger + result.ledgerMismatches,
      stock: sum.stock + result.stockMismatches,
      lost: sum.lost + result.lost,
      unexpected: sum.unexpected + result.unexpected,
    }),
    { placed: 0, confirmed: 0, stuck: 0, ledger: 0, stock: 0, lost: 0, unexpected: 0 },
  );
  const rejected = (result: RoundResult) =>
    Object.entries(result.outcomes)
      .filter(([outcome]) => outcome.startsWith('REJECTED '))
      .map(([outcome, n]) => `${n} ${outcome.slice('REJECTED '.length)}`)
      .join(', ') || '-';
  const findings = results.flatMap((result) =>
    result.findings.map((finding) => `  ${result.fault}: ${finding}`),
  );
  return [
    ...table(
      [
        'fault',
        'placed',
        'CONFIRMED',
        'REJECTED by reason',
        'stuck',
        'ledger',
        'stock',
        'lost',
        'unexpected',
      ],
      [
        ...results.map((result) => [
          result.fault,
          String(result.placed),
          String(result.outcomes.CONFIRMED ?? 0),
          rejected(result),
          String(result.stuck),
          String(result.ledgerMismatches),
          String(result.stockMismatches),
          String(result.lost),
          String(result.unexpected),
        ]),
        [
          'total',
          String(total.placed),
          String(total.confirmed),
          String(total.placed - total.confirmed - total.stuck - total.lost),
          String(total.stuck),
          String(total.ledger),
          String(total.stock),
          String(total.lost),
          String(total.unexpected),
        ],
      ],
    ),
    '(ledger: the provider kept other than the total of a CONFIRMED order or anything of a REJECTED one;',
    ' stock: not conserved, not reserved for CONFIRMED or not released for REJECTED; unexpected: decided,',
    ' but not as the fault must end)',
    `Budget: 0 stuck, 0 mismatches, 0 lost, every order as its fault must end: ${
      chaosBudgetKept(results) ? 'PASS' : 'FAIL'
    }`,
    ...(findings.length > 0 ? ['Findings:', ...findings] : []),
  ];
}

/** Every finding breaks the budget: a stuck, mismatched, lost or unexpected order, or a refused or unended one. */
export function chaosBudgetKept(results: readonly RoundResult[]): boolean {
  return results.every((result) => result.findings.length === 0);
}
