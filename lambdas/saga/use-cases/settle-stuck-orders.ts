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
  /** At most this many orders per sweep (the next sweep takes the rest). */
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

export const FULFILMENT_FAILED = 'FULFILMENT_FAILED';

/**
 * The backstop for an order its saga left PENDING: the execution failed anyway (CompensationFailed, a
 * ConfirmOrder that kept crashing), timed out, was aborted, or never started. Step Functions' own
 * "Execution Status Change" events would say so sooner, but the local cloud does not emit them, while a
 * schedule over the read model's `byStatus` index runs the same here and on AWS and also finds an order
 * whose saga never started.
 *
 * For each such order it runs every compensation (each a no-op for a step that never happened, so it does
 * not matter where the saga stopped; the payment's is the settlement by key), then RejectOrder with
 * FULFILMENT_FAILED. Before that it asks the order itself (LoadOrderStatus, the saga's first step, reading
 * the order's events): the read model may lag behind an order already decided, and compensating a CONFIRMED
 * order would take its money and stock back. Compensations come first: a rejected order leaves the PENDING index, so one rejected
 * before its money was settled would never be swept again. A RejectOrder refused because the order was
 * decided meanwhile is fine: only the saga decides, and it compensated before deciding. An order whose
 * execution still runs is left to it; SUCCEEDED means decided and not yet projected.
 */
export async function settleStuckOrders(deps: SweeperDeps, settings: SweepSettings): Promise<SweepReport> {
  const before = new Date(deps.now().getTime() - settings.pendingForMs).toISOString();
  const report: SweepReport = { settled: [], left: [], failed: [] };
  for (const orderId of await deps.pending.listPendingSince(before, settings.limit)) {
    const status = await deps.executions.statusOf(orderId);
    if (status === 'RUNNING' || status === 'SUCCEEDED') {
      report.left.push(orderId);
      continue;
    }
    const input = { orderId, correlationId: `sweep-${orderId}` };
    try {
      if ((await deps.steps.loadOrderStatus(input)) !== 'PENDING') {
        report.left.push(orderId);
        continue;
      }
      for (const step of COMPENSATIONS) await deps.steps.run(step, input);
      await deps.steps.run('RejectOrder', { ...input, reason: FULFILMENT_FAILED });
      report.settled.push(orderId);
    } catch (error) {
      if (
        error instanceof StepFailed &&
        error.step === 'RejectOrder' &&
        error.errorType === 'ConflictError'
      ) {
        report.left.push(orderId);
      } else if (error instanceof StepFailed) {
        report.failed.push(orderId);
      } else {
        throw error;
      }
    }
  }
  return report;
}
