/**
 * The messages between the service and an execution environment (runtime/bootstrap.mjs) over the IPC
 * channel of the forked child. Events and results travel as JSON text, so that exactly what Lambda's JSON
 * boundary would let through reaches the other side.
 */
export interface ErrorPayload {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace?: readonly string[];
}

/** Parent -> child: run the handler once. */
export interface InvokeMessage {
  readonly type: 'invoke';
  readonly requestId: string;
  /** The event as JSON text. */
  readonly event: string;
  /** Epoch milliseconds; `context.getRemainingTimeInMillis()` counts down to it. */
  readonly deadlineMs: number;
  readonly invokedFunctionArn: string;
  /** This invocation's `_X_AMZN_TRACE_ID`; the variable is removed when absent. */
  readonly traceId?: string;
}

/** Child -> parent. */
export type ChildMessage =
  /** The handler is loaded (the init phase succeeded). */
  | { readonly type: 'ready' }
  /** The init phase failed; the environment cannot serve anything. */
  | { readonly type: 'init-error'; readonly error: ErrorPayload }
  /** The handler answered; `payload` is its result as JSON text. */
  | { readonly type: 'result'; readonly requestId: string; readonly payload: string }
  /** The handler failed; `fatal` when the environment is ending (an uncaught exception). */
  | {
      readonly type: 'error';
      readonly requestId: string;
      readonly error: ErrorPayload;
      readonly fatal: boolean;
    };

const CHILD_MESSAGE_TYPES: ReadonlySet<unknown> = new Set(['ready', 'init-error', 'result', 'error']);

/** Only our bootstrap writes to the channel, but user code could call `process.send` too. */
export function isChildMessage(value: unknown): value is ChildMessage {
  return (
    typeof value === 'object' && value !== null && CHILD_MESSAGE_TYPES.has((value as { type?: unknown }).type)
  );
}
