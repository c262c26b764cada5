import { DEADLINE_EXCEEDED } from '../../orders/contract';
import type { PendingOrders, SagaExecutions, SagaSteps, SettlingStep } from '../ports/stuck-orders';
import { StepFailed } from '../ports/stuck-orders';

export interface SweeperDeps {
  readonly pending: PendingOrders;
  readonly executions: SagaExecutions;
  readonly steps: SagaSteps;
  readonly now: () => Date;
}

export interface SweepSettings {
  /** Only orders PENDING for longer than this: well past a healthy saga, past the execution timeout. */
  readonly pendingForMs: number;
  /**
   * At most this many settlements (settled or failed) per sweep; the next sweep takes the rest. Orders left
   * alone do not count: however many of them there are (a saga still running, an order the read model has
   * not caught up with), they never keep the sweeper from the orders behind them.
   */
  readonly limit: number;
}

export interface SweepReport {
  readonly settled: string[];
  /** Their saga still runs (or has just decided them): not ours to touch. */
  readonly left: string[];
  /** A compensation failed again: still PENDING, the next sweep tries again (the alarm stays raised). */
  readonly failed: string[];
}

/** The saga's compensations, in reverse order of its steps; each is a no-op for what never happened. */
const COMPENSATIONS: readonly SettlingStep[] = ['CancelShipment', 'RefundPayment', 'ReleaseInventory'];

/**
 * The backstop for an order its saga left PENDING: the execution failed anyway (CompensationFailed, a
 * ConfirmOrder that kept crashing), timed out, was aborted, or never started. Step Functions' own
 * "Execution Status Change" events would say so sooner, but the local cloud does not emit them, while a
 * schedule over the read model's `byStatus` index runs the same here and on AWS and also finds an order
 * whose saga never started.
 *
 * An order whose execution still runs is left to it; SUCCEEDED means decided and not yet projected. For the
 * others it first asks the order itself (LoadOrderStatus, the saga's first step, reading the order's
 * events): the read model may lag behind an order already decided, and settling a CONFIRMED order would take
 * its money and stock back. A PENDING one gets every compensation (each a no-op for a step that never
 * happened, so it does not matter where the saga stopped; the payment's is the settlement by key) and
 * RejectOrder with DEADLINE_EXCEEDED, in the order that is safe for how the saga stopped:
 * - over (failed, timed out, aborted): compensations first, then the decision. Its execution's name is taken,
 *   so no saga of this order runs again; and a rejected order leaves the PENDING index, so one rejected before
 *   its money was settled would never be swept again.
 * - never started: the decision first. Its saga did nothing, but may start any moment (its OrderPlaced still
 *   being retried): rejected first, a late saga finds the order decided and does nothing, or, already past
 *   that check, is refused at ConfirmOrder and compensates itself. Were it to confirm first, our RejectOrder
 *   is refused and nothing of it is undone (compensating first would refund a confirmed order).
 * A RejectOrder refused (ConflictError) means the order was decided meanwhile: left as decided.
 */
export async function settleStuckOrders(deps: SweeperDeps, settings: SweepSettings): Promise<SweepReport> {
  const before = new Date(deps.now().getTime() - settings.pendingForMs).toISOString();
  const report: SweepReport = { settled: [], left: [], failed: [] };
  for await (const orderId of deps.pending.pendingSince(before)) {
    if (report.settled.length + report.failed.length >= settings.limit) break;
    const status = await deps.executions.statusOf(orderId);
    if (status === 'RUNNING' || status === 'SUCCEEDED') {
      report.left.push(orderId);
      continue;
    }
    const input = { orderId, correlationId: `sweep-${orderId}`, causationId: 'stuck-order-sweeper' };
    const compensate = async () => {
      for (const step of COMPENSATIONS) await deps.steps.run(step, input);
    };
    const reject = () => deps.steps.run('RejectOrder', { ...input, reason: DEADLINE_EXCEEDED });
    try {
      if ((await deps.steps.loadOrderStatus(input)) !== 'PENDING') {
        report.left.push(orderId);
        continue;
      }
      if (status === 'NOT_STARTED') {
        await reject();
        await compensate();
      } else {
        await compensate();
        await reject();
      }
      report.settled.push(orderId);
    } catch (error) {
      if (!(error instanceof StepFailed)) throw error;
      const decidedMeanwhile = error.step === 'RejectOrder' && error.errorType === 'ConflictError';
      (decidedMeanwhile ? report.left : report.failed).push(orderId);
    }
  }
  return report;
}
