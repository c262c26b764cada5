import { chaosCustomer, type PlacedOrder, prepareOrder } from './chaos-orders';
import type { CrashFault, Expected, Fault, ProviderFault, RestartFault } from './fault-matrix';
import { auditOrder, type OrderAudit } from './order-audit';
import { HEALTHY, type ShopUnderTest } from './shop-under-test';

/**
 * The chaos engine: runs a fault matrix against the running shop and audits every order it placed once
 * its saga is over. One piece of code for `npm test` (a bounded matrix, test/e2e/chaos.test.ts) and
 * `npm run chaos` (the full matrix, with a restart). It leaves the provider healthy, its circuit closed and
 * its own crash plans disarmed, whatever happens, so the suites after it find the shop as it was.
 */
export interface RoundResult {
  readonly fault: string;
  /** Orders the API accepted (202). */
  readonly placed: number;
  /** Final states: `CONFIRMED`, `REJECTED <reason>`, and `PENDING` for the stuck. */
  readonly outcomes: Readonly<Record<string, number>>;
  readonly stuck: number;
  readonly ledgerMismatches: number;
  readonly stockMismatches: number;
  readonly lost: number;
  /** Decided, but not as the fault must end (a crash below the retries must still confirm, say). */
  readonly unexpected: number;
  /** One line per finding: which order, what it is, what the ledger or the stock says. */
  readonly findings: readonly string[];
}

export interface ChaosOptions {
  /** How long a round's sagas may take to end: compensations retry for about two minutes. */
  readonly settleTimeoutMs: number;
  /** Kills the local cloud (every process, no clean stop) and starts it again on the same data. */
  readonly restart?: () => Promise<void>;
  readonly progress?: (line: string) => void;
}

/** Crash faults run side by side, this many at a time. */
const CRASHES_AT_ONCE = 4;

export async function runChaos(
  shop: ShopUnderTest,
  faults: readonly Fault[],
  options: ChaosOptions,
): Promise<RoundResult[]> {
  const customerId = await chaosCustomer();
  const round = (fault: Fault): Promise<RoundResult> => {
    switch (fault.kind) {
      case 'crash':
        return crashRound(shop, customerId, fault, options);
      case 'provider':
        return providerRound(shop, customerId, fault, options);
      case 'restart':
        return restartRound(shop, customerId, fault, options);
    }
  };
  try {
    // Every function warm and the circuit closed first: a cold start is not a fault of the matrix's.
    const warmUp = await untilTheCircuitCloses(shop, customerId, options);
    if (warmUp.findings.length > 0) throw new Error(`The shop is not healthy: ${warmUp.findings.join('; ')}`);
    // Crashes are aimed at one order each: a few side by side (every one of them at once would time the
    // provider out on a small machine). The provider is shared: one provider fault at a time, after them.
    const crashes = faults.filter((fault) => fault.kind === 'crash');
    const crashed = new Map<Fault, RoundResult>();
    let next = 0;
    await Promise.all(
      Array.from({ length: CRASHES_AT_ONCE }, async () => {
        for (let fault = crashes[next++]; fault !== undefined; fault = crashes[next++]) {
          crashed.set(fault, await round(fault));
        }
      }),
    );
    const results: RoundResult[] = [];
    for (const fault of faults) results.push(crashed.get(fault) ?? (await round(fault)));
    return results;
  } finally {
    await shop.behave(HEALTHY);
  }
}

async function crashRound(
  shop: ShopUnderTest,
  customerId: string,
  fault: CrashFault,
  options: ChaosOptions,
): Promise<RoundResult> {
  const order = await prepareOrder(customerId, fault.path);
  const plans = fault.crashes.map(({ step, times, afterMs }) => ({
    step,
    plan: { times, afterMs, payloadContains: order.correlationId },
  }));
  for (const { step, plan } of plans) await shop.armCrash(step, plan);
  try {
    const placed = await order.place();
    const result = await conclude(shop, fault.name, [placed], fault.expected, options);
    // Every crash armed is within the attempts the saga makes: each must have happened, or the fault
    // was not the one this row claims.
    const armed = fault.crashes.reduce((sum, crash) => sum + crash.times, 0);
    const seen = placed === undefined ? armed : await shop.crashesSeen(placed.orderId);
    return seen === armed
      ? result
      : { ...result, findings: [...result.findings, `${armed} crashes armed, ${seen} in its execution`] };
  } finally {
    for (const { step, plan } of plans) await shop.armCrash(step, { ...plan, times: 0 });
  }
}

async function providerRound(
  shop: ShopUnderTest,
  customerId: string,
  fault: ProviderFault,
  options: ChaosOptions,
): Promise<RoundResult> {
  const orders = await Promise.all(
    Array.from({ length: fault.orders }, () => prepareOrder(customerId, 'happy')),
  );
  let placed: (PlacedOrder | undefined)[] = [];
  await shop.behave(fault.behaviour);
  try {
    placed = await Promise.all(orders.map((order) => order.place()));
    // The fault's window: a brownout the sagas are in the middle of, then lifted.
    await new Promise((resolve) => setTimeout(resolve, fault.holdMs));
  } finally {
    await shop.behave(HEALTHY);
  }
  const result = await conclude(shop, fault.name, placed, 'DECIDED', options);
  const canaries = await untilTheCircuitCloses(shop, customerId, options);
  return merge(result, canaries);
}

/**
 * After a provider fault the circuit in front of it may be open for a while: orders placed then are
 * rejected at once. Orders are placed one after the other until one is CONFIRMED, so the next fault (or
 * the next suite) starts from a closed circuit; they are audited like the others.
 */
async function untilTheCircuitCloses(
  shop: ShopUnderTest,
  customerId: string,
  options: ChaosOptions,
): Promise<RoundResult> {
  const audited: RoundResult[] = [];
  const deadline = Date.now() + options.settleTimeoutMs;
  for (;;) {
    const canary = await (await prepareOrder(customerId, 'happy')).place();
    const result = await conclude(shop, 'canary', [canary], 'DECIDED', options);
    audited.push(result);
    if (result.outcomes.CONFIRMED === 1) return audited.reduce(merge);
    if (Date.now() > deadline) {
      return merge(audited.reduce(merge), {
        ...empty('canary'),
        findings: [`the circuit did not close within ${options.settleTimeoutMs} ms`],
      });
    }
  }
}

async function restartRound(
  shop: ShopUnderTest,
  customerId: string,
  fault: RestartFault,
  options: ChaosOptions,
): Promise<RoundResult> {
  const { restart } = options;
  if (restart === undefined) throw new Error(`${fault.name}: no way to restart this local cloud`);
  const orders = await Promise.all(
    Array.from({ length: fault.orders }, () => prepareOrder(customerId, 'happy')),
  );
  await shop.behave({ latencyMs: fault.latencyMs, failureRate: 0 });
  const placed = await Promise.all(orders.map((order) => order.place()));
  // Killed once every saga has started and some are still running: mid-flight, not before or after.
  await until(options.settleTimeoutMs, async () => {
    const statuses = await Promise.all(placed.map((order) => order && shop.executionOf(order.orderId)));
    return statuses.every((status) => status !== undefined) && statuses.includes('RUNNING');
  });
  options.progress?.(`${fault.name}: killing the local cloud with sagas in flight...`);
  await restart();
  await shop.behave(HEALTHY);
  return conclude(shop, fault.name, placed, 'DECIDED', options);
}

/** Waits for the orders' sagas to end, then audits every order. */
async function conclude(
  shop: ShopUnderTest,
  fault: string,
  placed: readonly (PlacedOrder | undefined)[],
  expected: Expected,
  options: ChaosOptions,
): Promise<RoundResult> {
  const accepted = placed.filter((order): order is PlacedOrder => order !== undefined);
  const unfinished = await sagasOver(shop, accepted, options.settleTimeoutMs);
  const audits = await Promise.all(accepted.map((order) => auditOrder(shop, order, expected)));
  const refused = placed.length - accepted.length;
  const result = summarize(fault, audits, [
    ...(refused > 0 ? [`${refused} of ${placed.length} orders not accepted (no 202)`] : []),
    ...unfinished,
  ]);
  options.progress?.(
    `${fault}: ${Object.entries(result.outcomes)
      .map(([outcome, count]) => `${count} ${outcome}`)
      .join(', ')}${result.findings.length > 0 ? ` (${result.findings.length} findings)` : ''}`,
  );
  return result;
}

/**
 * Resolves once no order's execution is running (none that never started either, within the timeout);
 * answers what was still running or missing at the timeout.
 */
async function sagasOver(
  shop: ShopUnderTest,
  orders: readonly PlacedOrder[],
  timeoutMs: number,
): Promise<string[]> {
  let open: string[] = [];
  const over = await until(timeoutMs, async () => {
    const statuses = await Promise.all(orders.map((order) => shop.executionOf(order.orderId)));
    open = orders.flatMap((order, index) => {
      const status = statuses[index];
      return status === undefined || status === 'RUNNING'
        ? [`${order.orderId}: execution ${status ?? 'never started'} after ${timeoutMs} ms`]
        : [];
    });
    return open.length === 0;
  });
  return over ? [] : open;
}

/** Polls `done` every half second until it holds (true) or the time is up (false). */
async function until(timeoutMs: number, done: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await done()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function summarize(fault: string, audits: readonly OrderAudit[], notes: readonly string[]): RoundResult {
  const outcomes: Record<string, number> = {};
  for (const audit of audits) outcomes[audit.outcome] = (outcomes[audit.outcome] ?? 0) + 1;
  const count = (has: (audit: OrderAudit) => unknown) => audits.filter(has).length;
  return {
    fault,
    placed: audits.length,
    outcomes,
    stuck: count((audit) => audit.stuck),
    ledgerMismatches: count((audit) => audit.ledger),
    stockMismatches: count((audit) => audit.stock),
    lost: count((audit) => audit.lost),
    unexpected: count((audit) => audit.unexpected),
    findings: [
      ...notes,
      ...audits.flatMap((audit) =>
        [
          audit.lost ? 'accepted (202), then unknown to the API' : undefined,
          audit.stuck ? `still PENDING, its saga over (${audit.holds})` : undefined,
          audit.ledger,
          audit.stock,
          audit.unexpected,
        ]
          .filter((finding) => finding !== undefined)
          .map((finding) => `${audit.orderId}: ${finding}`),
      ),
    ],
  };
}

function empty(fault: string): RoundResult {
  return summarize(fault, [], []);
}

/** Two results as one row (a provider fault and the canaries after it), under the first one's name. */
function merge(a: RoundResult, b: RoundResult): RoundResult {
  const outcomes: Record<string, number> = { ...a.outcomes };
  for (const [outcome, n] of Object.entries(b.outcomes)) outcomes[outcome] = (outcomes[outcome] ?? 0) + n;
  return {
    fault: a.fault,
    placed: a.placed + b.placed,
    outcomes,
    stuck: a.stuck + b.stuck,
    ledgerMismatches: a.ledgerMismatches + b.ledgerMismatches,
    stockMismatches: a.stockMismatches + b.stockMismatches,
    lost: a.lost + b.lost,
    unexpected: a.unexpected + b.unexpected,
    findings: [...a.findings, ...b.findings],
  };
}
