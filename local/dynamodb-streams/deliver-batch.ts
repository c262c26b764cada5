import type { LambdaService } from '../lambda/types';
import type { BeforeBatch } from '../shared/requests-in-flight';
import { batchOutcome } from './batch-outcome';
import { failureRecord } from './failure-record';
import type { Sleeper } from './sleeper';
import type { OnStreamFailure, PolledRecord, StreamFailureRecord, StreamMappingDefinition } from './types';

/** What delivering the batches of one shard needs. */
export interface DeliveryContext {
  readonly mapping: StreamMappingDefinition;
  readonly lambda: LambdaService;
  readonly shardId: string;
  readonly onFailure?: OnStreamFailure;
  readonly retryDelayMs: number;
  readonly sleeper: Sleeper;
  readonly trace: (message: string) => void;
  /** Waited for before each invocation: the local cloud lets API requests go first (RequestsInFlight). */
  readonly beforeBatch?: BeforeBatch;
}

/**
 * Delivers one batch until it is done: the function succeeded, or what is left of it was discarded (sent
 * to the on-failure destination) because retries ran out or its records got too old. Meanwhile the shard
 * waits, so records are delivered strictly in order. Returns false when stopped first.
 *
 * A whole-batch failure retries the same records; with BisectBatchOnFunctionError it splits the batch in
 * halves instead and delivers each in turn (splitting does not use up a retry, as on AWS). A partial
 * failure (ReportBatchItemFailures) counts as a failed attempt of the records from the first failed one
 * on; the ones before it are done and never sent again.
 */
export async function deliverBatch(
  context: DeliveryContext,
  batch: readonly PolledRecord[],
  retriesUsed = 0,
): Promise<boolean> {
  const { mapping, sleeper } = context;
  let current = batch;
  let retries = retriesUsed;
  let invokes = 0;
  let functionError: string | undefined;
  for (;;) {
    if (sleeper.isStopped) return false;
    const expired = expiredPrefix(current, mapping.maximumRecordAgeSeconds);
    if (expired > 0) {
      await discard(context, current.slice(0, expired), 'RecordAgeExceeded', invokes, functionError);
      current = current.slice(expired);
      if (current.length === 0) return true;
    }

    await context.beforeBatch?.(sleeper.signal);
    if (sleeper.isStopped) return false;
    invokes += 1;
    const result = await context.lambda.invoke(mapping.functionName, {
      Records: current.map((polled) => polled.record),
    });
    const outcome = batchOutcome(result, current, mapping.reportBatchItemFailures);
    const size = `${current.length} records`;
    if (outcome.kind === 'ok') {
      context.trace(`${size}, ok`);
      return true;
    }
    if (outcome.kind === 'throttled') {
      // The function did not run: Lambda retries until the records expire, without using up a retry.
      invokes -= 1;
      context.trace(`${size}, throttled`);
      if (!(await sleeper.sleep(context.retryDelayMs))) return false;
      continue;
    }
    if (outcome.kind === 'partial') {
      const resumeAt = current[outcome.firstFailed]?.record.dynamodb.SequenceNumber;
      context.trace(`${size}, partial failure, resume at ${resumeAt}`);
      current = current.slice(outcome.firstFailed);
      functionError = undefined;
    } else {
      functionError = outcome.functionError;
      if (mapping.bisectBatchOnFunctionError && current.length > 1) {
        const half = Math.ceil(current.length / 2);
        context.trace(`${size}, bisect into ${half} + ${current.length - half} (${outcome.reason})`);
        return (
          (await deliverBatch(context, current.slice(0, half), retries)) &&
          deliverBatch(context, current.slice(half), retries)
        );
      }
      context.trace(`${size}, failed (${outcome.reason})`);
    }

    if (mapping.maximumRetryAttempts >= 0 && retries >= mapping.maximumRetryAttempts) {
      await discard(context, current, 'RetryAttemptsExhausted', invokes, functionError);
      return true;
    }
    retries += 1;
    if (!(await sleeper.sleep(context.retryDelayMs))) return false;
  }
}

/** How many records at the head of the batch are older than the mapping allows (arrival is in order). */
function expiredPrefix(batch: readonly PolledRecord[], maximumAgeSeconds: number): number {
  if (maximumAgeSeconds < 0) return 0;
  const oldestAllowed = Date.now() - maximumAgeSeconds * 1000;
  let count = 0;
  while (count < batch.length && (batch[count]?.arrivalMs ?? Number.POSITIVE_INFINITY) < oldestAllowed) {
    count += 1;
  }
  return count;
}

async function discard(
  context: DeliveryContext,
  records: readonly PolledRecord[],
  condition: StreamFailureRecord['requestContext']['condition'],
  invokeCount: number,
  functionError: string | undefined,
): Promise<void> {
  const destination = context.mapping.onFailureDestination;
  context.trace(
    `${records.length} records discarded (${condition})${destination ? ` -> ${destination}` : ''}`,
  );
  if (!destination || !context.onFailure) return;
  const record = failureRecord(records, {
    functionArn: context.mapping.functionArn,
    streamArn: context.mapping.eventSourceArn,
    shardId: context.shardId,
    condition,
    invokeCount,
    ...(functionError ? { functionError } : {}),
  });
  try {
    await context.onFailure(destination, record);
  } catch (error) {
    // Lambda cannot do better either: the records are skipped all the same; the trace says so.
    context.trace(`on-failure destination ${destination} failed: ${String(error)}`);
  }
}
