import type { InvokeResult } from '@shop/local-cloud';
import { effectsOf, expectStockRestored, LOADED, netCaptured, orderOf, SWEPT } from './saga-orders';
import { crash, type Injection, type SagaWorld, startSagaWorld } from './saga-world';

/**
 * The stuck-order sweeper on orders really left PENDING, each way that happens: the saga as synthesized
 * (its definition's timeouts and retries twenty times faster), the real step handlers on DynamoDB Local,
 * the provider's real handler; the sweeper's real use case on its real adapters (the read model fed by the
 * EventStore's real stream, DescribeExecution and Invoke through the SDK), as its schedule runs it but with
 * `pendingFor` 0. Each settled order ends REJECTED DEADLINE_EXCEEDED with its money back in the provider's
 * own ledger and its stock released.
 */
let world: SagaWorld;
beforeAll(async () => {
  world = await startSagaWorld();
});
afterAll(() => world?.stop());
// A test that failed half-way leaves no provider fault and no open circuit to the next.
afterEach(async () => {
  await world.ledger.setBehaviour({ latencyMs: 0, failureRate: 0 });
  await world.resetBreaker();
});

const sorted = (ids: readonly string[]) => [...ids].sort();
/** A sweep's report with each list sorted (the sweeper takes orders by their last change). */
const sweepOf = async () => {
  const { settled, left, failed } = await world.sweep();
  return { settled: sorted(settled), left: sorted(left), failed: sorted(failed) };
};

/**
 * A hung environment: the invocation never answers (the task's timeout ends the attempt), after or before
 * the real handler did its work; `release()` lets every hung invocation end (as a Sandbox.Timedout) once
 * nothing waits for them any more.
 */
function hangs() {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let hanging = true;
  const timedOut: InvokeResult = {
    ok: false,
    functionError: 'Unhandled',
    payload: { errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out' },
    durationMs: 1,
  };
  const hang =
    (options: { after: boolean; attempts?: number }): Injection =>
    async (attempt, real) => {
      if (!hanging || attempt > (options.attempts ?? Number.POSITIVE_INFINITY)) return undefined;
      if (options.after) await real();
      await released;
      return timedOut;
    };
  return {
    hang,
    release() {
      hanging = false;
      release();
    },
  };
}

describe('the stuck-order sweeper', () => {
  // Set by the first test, used by the next: an order that never started, settled by the sweeper.
  let neverStarted: Awaited<ReturnType<typeof orderOf>>;

  it('settles every order a saga left PENDING, each way that happens; a sweep that fails again leaves it for the next', async () => {
    // Timed out mid-compensation: the shipment scheduled then hung, its cancellation hung, the refund hung,
    // each attempt ended by the task's timeout, until the execution's own timeout (reached for certain:
    // its attempts alone take longer). Money captured and stock reserved at the end.
    const timedOut = await orderOf(world);
    const hung = hangs();
    world.inject(timedOut.orderId, 'ScheduleShipment', hung.hang({ after: true }));
    world.inject(timedOut.orderId, 'CancelShipment', hung.hang({ after: false, attempts: 12 }));
    world.inject(timedOut.orderId, 'RefundPayment', hung.hang({ after: false }));
    const timedOutExecution = await world.start(timedOut.orderId);

    // Aborted once its charge landed: nothing after ChargePayment ever ran.
    const aborted = await orderOf(world);
    world.inject(aborted.orderId, 'ChargePayment', async (_attempt, real) => {
      const charged = await real();
      await world.stepFunctions.handle('StopExecution', { executionArn: abortedExecution });
      return charged;
    });
    const abortedExecution = world.executionArnOf(aborted.orderId);
    // CompensationFailed by a crash: the payment declined, then ReleaseInventory's environment died on each
    // of its 13 attempts (the crash hook), so the stock stays reserved.
    const crashed = await orderOf(world, { token: 'tok_declined' });
    world.inject(
      crashed.orderId,
      'ReleaseInventory',
      crash({ times: 13, after: false, kind: 'Runtime.ExitError' }),
    );
    // Not `run`: that waits for every execution, the hung one too.
    const [abortedOutcome, crashedOutcome] = await Promise.all(
      [aborted, crashed].map(async ({ orderId }) => world.outcomeOf(await world.start(orderId))),
    );
    expect(abortedOutcome).toEqual({ status: 'ABORTED' });
    expect(crashedOutcome).toEqual({ status: 'FAILED', error: 'CompensationFailed' });

    // Never started (OrderPlaced lost, or still being retried): no execution at all.
    neverStarted = await orderOf(world);

    // CompensationFailed by the provider: shipping refused, and the provider failing every request from
    // then on, so the refund of the charge that went through is refused throughout.
    const refused = await orderOf(world, { country: 'XX' });
    world.inject(refused.orderId, 'ScheduleShipment', async () => {
      await world.ledger.setBehaviour({ latencyMs: 0, failureRate: 1 });
      return undefined;
    });
    expect(await world.outcomeOf(await world.start(refused.orderId))).toEqual({
      status: 'FAILED',
      error: 'CompensationFailed',
    });
    expect(await world.outcomeOf(timedOutExecution)).toEqual({
      status: 'TIMED_OUT',
      error: 'States.Timeout',
    });
    hung.release();

    const all = [timedOut, aborted, crashed, neverStarted, refused];
    for (const { orderId } of all) expect((await world.orders.load(orderId)).state?.status).toBe('PENDING');
    for (const { orderId } of [timedOut, aborted, refused])
      expect(await netCaptured(world, orderId)).toBe(12.5);
    for (const { skus } of [timedOut, aborted, crashed, refused]) {
      expect(await world.inventory.getStock(skus[0])).toMatchObject({ reserved: 2 });
    }
    const callsBefore = new Map(all.map(({ orderId }) => [orderId, world.calls.get(orderId)?.length ?? 0]));

    // The provider still refuses (its circuit open): what needs a refund fails and stays PENDING.
    const first = await sweepOf();
    expect(first).toEqual({
      settled: sorted([crashed.orderId, neverStarted.orderId]),
      left: [],
      failed: sorted([timedOut.orderId, aborted.orderId, refused.orderId]),
    });
    for (const { orderId } of [timedOut, aborted, refused]) {
      expect((await world.orders.load(orderId)).state?.status).toBe('PENDING');
    }

    // The provider healed and its circuit closed again (the next sweep comes five minutes later).
    await world.ledger.setBehaviour({ latencyMs: 0, failureRate: 0 });
    await world.resetBreaker();
    const second = await sweepOf();
    expect(second).toEqual({
      settled: sorted([timedOut.orderId, aborted.orderId, refused.orderId]),
      left: [],
      failed: [],
    });
    expect(await sweepOf()).toEqual({ settled: [], left: [], failed: [] });

    for (const { orderId, skus, stock } of all) {
      expect((await world.orders.load(orderId)).state).toMatchObject({
        status: 'REJECTED',
        rejectionReason: 'DEADLINE_EXCEEDED',
      });
      expect(await netCaptured(world, orderId)).toBe(0);
      await expectStockRestored(world, skus, stock);
    }
    expect(
      await world.ledger.findCharge((await world.payments.get(refused.orderId))?.chargeId ?? ''),
    ).toMatchObject({ status: 'refunded', refundedAmount: 12.5 });
    expect(await world.shipmentOf(timedOut.orderId)).toMatchObject({ status: 'CANCELLED' });
    // The sweeper's own calls: the order's status, every compensation in reverse order, then the decision
    // (twice over the orders whose first settlement failed at the refund).
    const swept = (orderId: string) => world.calls.get(orderId)?.slice(callsBefore.get(orderId));
    expect(swept(crashed.orderId)).toEqual(SWEPT);
    // Never started: decided first (a late saga then does nothing), the compensations after (no-ops).
    expect(swept(neverStarted.orderId)).toEqual([
      LOADED,
      'RejectOrder',
      'CancelShipment',
      'RefundPayment',
      'ReleaseInventory',
    ]);
    for (const { orderId } of [timedOut, aborted, refused]) {
      expect(swept(orderId)).toEqual([LOADED, 'CancelShipment', 'RefundPayment', ...SWEPT]);
    }
  }, 90_000);

  it('a late OrderPlaced for an order it settled starts the saga, which does nothing', async () => {
    const { orderId, skus } = neverStarted;
    const before = await effectsOf(world, orderId, skus);
    const callsBefore = world.calls.get(orderId)?.length ?? 0;
    // Delivered late to the starter as deployed: the execution named after the order starts now (it never
    // had one).
    const { executionArn } = await world.deliverOrderPlaced(orderId);
    expect(await world.outcomeOf(executionArn ?? '')).toEqual({ status: 'SUCCEEDED' });
    expect(world.calls.get(orderId)?.slice(callsBefore)).toEqual([LOADED]);
    expect(await effectsOf(world, orderId, skus)).toEqual(before);
  });

  it('never takes back a confirmed order: a late saga that confirms while the sweeper settles its never-started order keeps its money and stock', async () => {
    const late = await orderOf(world);
    // The sweeper finds no execution and the order PENDING; just then the OrderPlaced that was being retried
    // starts the saga, which confirms the order before the sweeper goes on.
    world.inject(late.orderId, 'LoadOrderStatus', async (attempt, real) => {
      if (attempt !== 1) return undefined;
      const sweepersAnswer = await real();
      expect(await world.run(late.orderId)).toEqual({ status: 'SUCCEEDED' });
      return sweepersAnswer;
    });
    expect(await sweepOf()).toEqual({ settled: [], left: [late.orderId], failed: [] });
    expect((await world.orders.load(late.orderId)).state).toMatchObject({ status: 'CONFIRMED', total: 12.5 });
    expect(await netCaptured(world, late.orderId)).toBe(12.5);
    expect(await world.inventory.getStock(late.skus[0])).toMatchObject({ available: 8, reserved: 2 });
    expect(await world.shipmentOf(late.orderId)).toMatchObject({ status: 'SCHEDULED' });
  });

  it('rejects a choreographed order whose next event never came DEADLINE_EXCEEDED, undoing what was done, so that the late event does nothing', async () => {
    const stuck = await orderOf(world, { sagaStyle: 'choreography' });
    const order = (await world.orders.load(stuck.orderId)).state;
    // Inventory reacted to OrderPlaced; the payments consumer's message then sat in its DLQ.
    const step = {
      correlationId: `corr-${stuck.orderId}`,
      causationId: 'ev-placed',
      sagaStyle: 'choreography',
    } as const;
    await world.inventory.reserve(stuck.orderId, order?.items ?? [], step);
    expect(await sweepOf()).toMatchObject({ settled: [stuck.orderId], failed: [] });
    expect((await world.orders.load(stuck.orderId)).state).toMatchObject({
      status: 'REJECTED',
      rejectionReason: 'DEADLINE_EXCEEDED',
    });
    await expectStockRestored(world, stuck.skus, stuck.stock);
    // What never happened is recorded as undone: the redriven message's charge and a late shipment are refused.
    expect(await world.payments.get(stuck.orderId)).toEqual({ orderId: stuck.orderId, status: 'VOIDED' });
    expect(await world.shipmentOf(stuck.orderId)).toEqual({ orderId: stuck.orderId, status: 'CANCELLED' });
    await world.inventory.reserve(stuck.orderId, order?.items ?? [], step);
    await expectStockRestored(world, stuck.skus, stuck.stock);
    expect(await netCaptured(world, stuck.orderId)).toBe(0);
  });

  it('leaves an order whose saga still runs to it', async () => {
    const running = await orderOf(world);
    let report: unknown;
    // The sweep happens while the saga is at its first step, whose real work then goes on.
    world.inject(running.orderId, 'ReserveInventory', async (attempt) => {
      if (attempt === 1) report = await world.sweep();
      return undefined;
    });
    expect(await world.run(running.orderId)).toEqual({ status: 'SUCCEEDED' });
    expect(report).toEqual({ settled: [], left: [running.orderId], failed: [] });
    expect((await world.orders.load(running.orderId)).state).toMatchObject({
      status: 'CONFIRMED',
      total: 12.5,
    });
    expect(await netCaptured(world, running.orderId)).toBe(12.5);
  });
});
