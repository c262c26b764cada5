import type { InvokeResult } from '../lambda/types';
import type { PolledRecord } from './types';

/** What one invocation did to its batch. */
export type BatchOutcome =
  | { readonly kind: 'ok' }
  /** ReportBatchItemFailures: the records before `firstFailed` are done; retry from there. */
  | { readonly kind: 'partial'; readonly firstFailed: number }
  /** The whole batch failed: a function error, or a partial-failure response Lambda cannot use. */
  | { readonly kind: 'failed'; readonly reason: string; readonly functionError?: string }
  /** The function was not run (concurrency limit): retried without using up a retry attempt. */
  | { readonly kind: 'throttled' };

/**
 * Reads an invocation result as Lambda's stream poller does
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html): with
 * ReportBatchItemFailures, a null or empty response or an empty `batchItemFailures` is a success; an
 * `itemIdentifier` that is missing, empty or not in the batch fails the whole batch; otherwise the lowest
 * sequence number reported is where processing resumes. Without it the response is ignored.
 */
export function batchOutcome(
  result: InvokeResult,
  batch: readonly PolledRecord[],
  reportBatchItemFailures: boolean,
): BatchOutcome {
  if (!result.ok) {
    if (result.functionError === 'Throttled') return { kind: 'throttled' };
    return {
      kind: 'failed',
      reason: `${result.payload.errorType}: ${result.payload.errorMessage}`,
      functionError: result.functionError,
    };
  }
  if (!reportBatchItemFailures) return { kind: 'ok' };
  const payload = result.payload;
  if (payload === null || payload === undefined || typeof payload !== 'object') return { kind: 'ok' };
  const failures = (payload as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === null || failures === undefined) return { kind: 'ok' };
  if (!Array.isArray(failures)) return invalid('batchItemFailures is not a list');
  if (failures.length === 0) return { kind: 'ok' };
  let firstFailed = Number.POSITIVE_INFINITY;
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || id === '') return invalid('an itemIdentifier is missing or empty');
    const index = batch.findIndex((polled) => polled.record.dynamodb.SequenceNumber === id);
    if (index < 0) return invalid(`itemIdentifier ${id} is not a sequence number of the batch`);
    firstFailed = Math.min(firstFailed, index);
  }
  return { kind: 'partial', firstFailed };
}

function invalid(reason: string): BatchOutcome {
  return { kind: 'failed', reason: `invalid partial batch response: ${reason}` };
}
