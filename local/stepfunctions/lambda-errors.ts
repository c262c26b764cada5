import { randomUUID } from 'node:crypto';
import type { InvokeResult } from '../lambda/types';
import { TaskFailure } from './types';

type FailedInvoke = Extract<InvokeResult, { ok: false }>;

/**
 * A failed invocation as Step Functions reports it (both for `lambda:invoke` and a function ARN):
 * - the function failed: `Error` is the payload's `errorType` (so Retry/Catch can name
 *   `PaymentDeclinedError`, `Sandbox.Timedout`, ...), `Cause` the payload as the JSON string AWS puts
 *   there, `{"errorType":..,"errorMessage":..,"trace":[..]}`;
 * - no error type in the payload: `Lambda.Unknown`, as AWS reports unhandled errors it cannot name;
 * - throttled: Invoke itself failed with TooManyRequestsException, reported `Lambda.TooManyRequestsException`
 *   with the service-exception cause text AWS uses.
 */
export function functionFailure(result: FailedInvoke): TaskFailure {
  const { errorType, errorMessage, trace } = result.payload;
  if (result.functionError === 'Throttled') {
    return serviceException('TooManyRequestsException', 429, errorMessage || 'Rate Exceeded.');
  }
  const cause = JSON.stringify({ errorType, errorMessage, ...(trace ? { trace } : {}) });
  if (!errorType) {
    return new TaskFailure(
      'Lambda.Unknown',
      `The cause could not be determined because Lambda did not return an error type. Returned payload: ${cause}`,
    );
  }
  return new TaskFailure(errorType, cause);
}

/** Invoke rejected (unknown function, service closed): `Lambda.<Exception>` as AWS names service errors. */
export function invokeRejection(error: unknown): TaskFailure {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'ResourceNotFoundException') return serviceException(name, 404, message);
  return serviceException('ServiceException', 500, message);
}

function serviceException(code: string, status: number, message: string): TaskFailure {
  return new TaskFailure(
    `Lambda.${code}`,
    `${message} (Service: AWSLambda; Status Code: ${status}; Error Code: ${code}; Request ID: ${randomUUID()}; Proxy: null)`,
  );
}
