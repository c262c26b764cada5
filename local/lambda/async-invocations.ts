import { randomUUID } from 'node:crypto';
import { PendingWork } from '../shared/pending-work';
import type { AsyncFailureRecord, InvokeResult, LocalFunctionDefinition } from './types';

export interface AsyncInvocationsOptions {
  /** The wait before retry n is `retryDelaysMs[n - 1]`, the last value repeating. */
  readonly retryDelaysMs: readonly number[];
  readonly onFailure?: (destinationArn: string, record: AsyncFailureRecord) => Promise<void>;
  /** Problems no caller can be told about (a failing destination), for the function's log. */
  readonly report: (functionName: string, message: string) => void;
}

export interface AsyncJob {
  readonly definition: LocalFunctionDefinition;
  /** The event as the function receives it. */
  readonly event: unknown;
  /** Runs the function once, waiting for a free environment; undefined once the service is closed. */
  readonly attempt: (requestId: string) => Promise<InvokeResult | undefined>;
}

/** Lambda retries an asynchronous invocation's function errors twice unless configured otherwise. */
export const DEFAULT_MAXIMUM_RETRY_ATTEMPTS = 2;

/**
 * Lambda's event queue: an asynchronous invocation is accepted at once, then run with retries (the
 * same request id for every attempt); when the last attempt fails too, the on-failure destination gets
 * Lambda's failure record.
 */
export class AsyncInvocations {
  private readonly work = new PendingWork();

  constructor(private readonly options: AsyncInvocationsOptions) {}

  enqueue(job: AsyncJob): void {
    this.work.track(
      () => this.process(job),
      (error) => this.options.report(job.definition.name, `async invocation failed: ${String(error)}`),
    );
  }

  /** Resolves when no asynchronous invocation is queued, running, waiting to retry or being reported. */
  drain(): Promise<void> {
    return this.work.drain();
  }

  /** Stops retrying: what is queued is dropped, as a stopped local cloud loses its in-memory queue. */
  close(): void {
    this.work.close();
  }

  private async process(job: AsyncJob): Promise<void> {
    const requestId = randomUUID();
    // With reserved concurrency 0 nothing ever runs; Lambda keeps the event until it is too old.
    if (job.definition.reservedConcurrency === 0) {
      return this.fail(job, failureRecord(job, requestId, 'EventAgeExceeded', 0));
    }
    const retries = job.definition.maximumRetryAttempts ?? DEFAULT_MAXIMUM_RETRY_ATTEMPTS;
    for (let attempt = 1; ; attempt += 1) {
      const result = await job.attempt(requestId);
      if (result === undefined || result.ok || this.work.isClosed) return;
      if (attempt > retries) {
        return this.fail(job, failureRecord(job, requestId, 'RetriesExhausted', attempt, result));
      }
      if (!(await this.work.sleep(this.retryDelay(attempt)))) return;
    }
  }

  private async fail(job: AsyncJob, record: AsyncFailureRecord): Promise<void> {
    const destination = job.definition.onFailureDestinationArn;
    // Without a destination Lambda discards the event, and so do we.
    if (destination === undefined || this.options.onFailure === undefined) return;
    try {
      await this.options.onFailure(destination, record);
    } catch (error) {
      this.options.report(
        job.definition.name,
        `on-failure destination ${destination} failed: ${String(error)}`,
      );
    }
  }

  private retryDelay(attempt: number): number {
    const delays = this.options.retryDelaysMs;
    return delays[Math.min(attempt, delays.length) - 1] ?? 0;
  }
}

function failureRecord(
  job: AsyncJob,
  requestId: string,
  condition: AsyncFailureRecord['requestContext']['condition'],
  invokeCount: number,
  result?: Extract<InvokeResult, { ok: false }>,
): AsyncFailureRecord {
  return {
    version: '1.0',
    timestamp: new Date().toISOString(),
    requestContext: {
      requestId,
      functionArn: `${job.definition.arn}:$LATEST`,
      condition,
      approximateInvokeCount: invokeCount,
    },
    requestPayload: job.event,
    ...(result && {
      // A function error is still a successful Invoke call for Lambda: 200, with FunctionError set.
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: result.functionError },
      responsePayload: result.payload,
    }),
  };
}
