import type { HandlerReport } from './report';

/**
 * The budgets from the issue. Size is absolute (bytes do not depend on the machine); cold init is a ratio
 * to the unbundled baseline measured in the same run, because milliseconds would only measure the machine.
 */
export const BUDGETS = {
  placeOrderHandler: 'orders/place-order',
  placeOrderMaxMinifiedBytes: 450 * 1024,
  maxColdInitRatio: 0.35,
  /** The promise to a newcomer: the local cloud is ready within 15 s of a finished synth. */
  localCloudMaxStartMs: 15_000,
} as const;

export interface BudgetResult {
  readonly budget: string;
  readonly unit: 'bytes' | 'ratio' | 'ms';
  readonly limit: number;
  /** `null` when what the budget is about is missing from the app, which fails the budget. */
  readonly actual: number | null;
  readonly pass: boolean;
}

export function evaluateBudgets(
  handlers: readonly HandlerReport[],
  localCloudStartMs: number | null,
): BudgetResult[] {
  const placeOrder = handlers.find((handler) => handler.name === BUDGETS.placeOrderHandler);
  const placeOrderBytes = placeOrder?.size.minifiedBytes ?? null;
  const sizeBudget: BudgetResult = {
    budget: `${BUDGETS.placeOrderHandler} bundle, minified`,
    unit: 'bytes',
    limit: BUDGETS.placeOrderMaxMinifiedBytes,
    actual: placeOrderBytes,
    pass: placeOrderBytes !== null && placeOrderBytes <= BUDGETS.placeOrderMaxMinifiedBytes,
  };
  // Every handler: a slow import in any of them is a slow cold start for its callers.
  const coldInitBudgets = handlers.map(
    (handler): BudgetResult => ({
      budget: `${handler.name} cold init, bundled / unbundled median`,
      unit: 'ratio',
      limit: BUDGETS.maxColdInitRatio,
      actual: handler.coldInit.ratio,
      pass: handler.coldInit.ratio <= BUDGETS.maxColdInitRatio,
    }),
  );
  const startBudget: BudgetResult = {
    budget: 'local cloud start (after synth)',
    unit: 'ms',
    limit: BUDGETS.localCloudMaxStartMs,
    actual: localCloudStartMs,
    pass: localCloudStartMs !== null && localCloudStartMs <= BUDGETS.localCloudMaxStartMs,
  };
  return [sizeBudget, ...coldInitBudgets, startBudget];
}
