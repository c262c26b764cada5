/** Orders still PENDING whose last change is older than `before` (ISO-8601), oldest first, read as needed. */
export interface PendingOrders {
  pendingSince(before: string): AsyncIterable<string>;
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'NOT_STARTED';

/** The place-order saga's execution of an order (named after it). */
export interface SagaExecutions {
  statusOf(orderId: string): Promise<ExecutionStatus>;
}

/** The compensations and RejectOrder, the very functions the saga invokes (all idempotent by order). */
export type SettlingStep = 'CancelShipment' | 'RefundPayment' | 'ReleaseInventory' | 'RejectOrder';

/** What the sweeper invokes: the saga's own first step (the order's status), then the settling steps. */
export type SweeperStep = 'LoadOrderStatus' | SettlingStep;

export interface SagaSteps {
  /** Runs the step; throws `StepFailed` with the function's error type when it fails. */
  run(step: SettlingStep, input: Record<string, unknown>): Promise<void>;
  /** The order's status from its events (LoadOrderStatus), not from the read model, which may lag. */
  loadOrderStatus(input: Record<string, unknown>): Promise<string>;
}

export class StepFailed extends Error {
  override readonly name: string = 'StepFailed';
  constructor(
    readonly step: SweeperStep,
    readonly errorType: string,
    message: string,
  ) {
    super(`${step} failed with ${errorType}: ${message}`);
  }
}
