import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { STAGES } from '../lib/config/stage-config';
import { stackTemplate, synthesizeShop } from './assembly';
import { BUDGETS, type BudgetResult } from './budgets';
import { measureBundle } from './bundles';
import { type DynamoDbCallsReport, measurePlaceOrderCalls } from './dynamodb-calls';
import { measureLoadRequests } from './event-sourcing';
import { exitWith } from './exit-with';
import { silenceHostNodeNotice } from './host-node-notice';
import { renderBudgets } from './report';

/**
 * `npm run bench:budgets`, run by CI: the budgets no machine's speed can move, so a regression fails the
 * build rather than waiting for someone to run `npm run bench`. Bytes of every handler's bundle, the
 * DynamoDB calls (and the one customers lookup) of a first `POST /orders` and of its duplicate, and the
 * requests one aggregate load makes whatever the history's length. The timing ratios stay in the bench.
 */
export const CI_BUDGETS = {
  /** No handler may outgrow the place-order budget: each is one use case and the SDK clients it needs. */
  anyHandlerMaxMinifiedBytes: BUDGETS.placeOrderMaxMinifiedBytes,
  /**
   * A first order: claim the idempotency key, look the customer up, append OrderPlaced conditionally,
   * record the response. Its duplicate: read the idempotency record, nothing else.
   */
  firstOrderMaxCalls: 4,
  duplicateOrderMaxCalls: 1,
  /** A snapshot read and one query for the tail, at any length. */
  aggregateLoadMaxRequests: 2,
  aggregateLoadLengths: [10, 1_000] as const,
} as const;

async function main(): Promise<number> {
  silenceHostNodeNotice();
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'shop-ci-budgets-'));
  try {
    console.error('Synthesizing the local stage (CDK bundles every function with esbuild)...');
    const shop = synthesizeShop(outdir);
    const results: BudgetResult[] = shop.functions.map((fn) => {
      const { minifiedBytes } = measureBundle(fn);
      return {
        budget: `${fn.name} bundle, minified`,
        unit: 'bytes',
        limit: CI_BUDGETS.anyHandlerMaxMinifiedBytes,
        actual: minifiedBytes,
        pass: minifiedBytes <= CI_BUDGETS.anyHandlerMaxMinifiedBytes,
      };
    });

    const placeOrder = shop.functions.find((fn) => fn.name === BUDGETS.placeOrderHandler);
    if (!placeOrder) throw new Error(`No ${BUDGETS.placeOrderHandler} function in the app.`);
    const ordersTemplate = stackTemplate(shop, placeOrder.stackName);

    console.error('Counting the calls of POST /orders and its duplicate against DynamoDB Local...');
    results.push(...callBudgets(await measurePlaceOrderCalls(placeOrder, ordersTemplate)));

    console.error('Counting the requests of aggregate loads against DynamoDB Local...');
    const loads = await measureLoadRequests(
      ordersTemplate,
      STAGES.local.orders.snapshotEvery,
      CI_BUDGETS.aggregateLoadLengths,
    );
    for (const load of loads.filter((candidate) => candidate.mode !== 'replay')) {
      results.push({
        budget: `aggregate load of ${load.events} events (${load.mode}): DynamoDB requests`,
        unit: 'requests',
        limit: CI_BUDGETS.aggregateLoadMaxRequests,
        actual: load.requests,
        pass: load.requests <= CI_BUDGETS.aggregateLoadMaxRequests,
      });
    }

    console.log(['Deterministic budgets', ...renderBudgets(results)].join('\n'));
    const pass = results.every((result) => result.pass);
    console.log(pass ? 'All deterministic budgets pass.' : 'FAIL: see above.');
    return pass ? 0 : 1;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** A first order and its duplicate answered as they should be, within their call counts. */
function callBudgets(report: DynamoDbCallsReport): BudgetResult[] {
  const answered =
    report.first.statusCode === 202 && report.duplicate.statusCode === 202 && report.sameOrderId;
  return [
    {
      budget: 'POST /orders, first: calls (DynamoDB + customers API), answered 202',
      unit: 'calls',
      limit: CI_BUDGETS.firstOrderMaxCalls,
      actual: report.first.calls.length,
      pass: answered && report.first.calls.length <= CI_BUDGETS.firstOrderMaxCalls,
    },
    {
      budget: 'POST /orders, duplicate: calls, the same 202 and orderId',
      unit: 'calls',
      limit: CI_BUDGETS.duplicateOrderMaxCalls,
      actual: report.duplicate.calls.length,
      pass: answered && report.duplicate.calls.length <= CI_BUDGETS.duplicateOrderMaxCalls,
    },
  ];
}

exitWith(main);
