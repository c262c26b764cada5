import type { ErrorPayload } from './protocol';
import type { InvokeResult } from './types';

/** The failures the service itself produces, each shaped like Lambda's answer in the same situation. */
export function functionFailure(payload: ErrorPayload, durationMs: number): InvokeResult {
  return { ok: false, functionError: 'Unhandled', payload, durationMs };
}

/** Past the timeout Lambda stops the sandbox; its error message carries the time and the request id. */
export function timedOut(requestId: string, timeoutSeconds: number, durationMs: number): InvokeResult {
  return functionFailure(
    {
      errorType: 'Sandbox.Timedout',
      errorMessage: `${new Date().toISOString()} ${requestId} Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
    },
    durationMs,
  );
}

/** The process ended (process.exit, a signal, out of memory) before answering. */
export function runtimeExited(requestId: string, exitReason: string, durationMs: number): InvokeResult {
  return functionFailure(
    {
      errorType: 'Runtime.ExitError',
      errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: ${exitReason}`,
    },
    durationMs,
  );
}

/** At the concurrency limit Lambda's Invoke fails with TooManyRequestsException (429); see types.ts. */
export function throttled(reserved: boolean): InvokeResult {
  return {
    ok: false,
    functionError: 'Throttled',
    payload: {
      errorType: 'TooManyRequestsException',
      errorMessage: `Rate Exceeded. Reason: ${
        reserved ? 'ReservedFunctionConcurrentInvocationLimitExceeded' : 'ConcurrentInvocationLimitExceeded'
      }`,
    },
    durationMs: 0,
  };
}
