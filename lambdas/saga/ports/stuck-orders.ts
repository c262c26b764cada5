/** Orders still PENDING whose last change is older than `before` (ISO-8601), oldest first, at most `limit`. */
export interface PendingOrders {
  listPendingSince(before: string, limit: number): Promise<string[]>;
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'NOT_STARTED';

/** The place-order saga's execution of an order (named after it). */
export interface SagaExecutions {
  statusOf(orderId: string): Promise<ExecutionStatus>;
}

/** The compensations and RejectOrder, the very functions the saga invokes (all idempotent by order). */
export type SettlingStep = 'CancelShipment' | 'RefundPayment' | 'ReleaseInventory' | 'RejectOrder';

export interface SagaSteps {
  /** Runs the step; throws `StepFailed` with the function's error type when it fails. */
  run(step: SettlingStep, input: Record<string, unknown>): Promise<void>;
}

export class StepFailed extends Error {
  override readonly name: string = 'StepFailed';
  constructor(
    readonly step: SettlingStep,
    readonly errorType: string,
    message: string,
  ) {
    super(`${step} failed with ${errorType}: ${message}`);
  }
}
