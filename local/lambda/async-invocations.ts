import { randomUUID } from 'node:crypto';
import { PendingWork } from '../shared/pending-work';
import type { AsyncInvocationRecord, InvokeResult, LocalFunctionDefinition } from './types';

export interface AsyncInvocationsOptions {
  /** The wait before retry n is `retryDelaysMs[n - 1]`, the last value repeating. */
  readonly retryDelaysMs: readonly number[];
  /** Delivers an invocation record to an on-success or on-failure destination. */
  readonly onDestination?: (destinationArn: string, record: AsyncInvocationRecord) => Promise<void>;
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
 * same request id for every attempt). The attempt that succeeds sends Lambda's success record to the
 * on-success destination; when the last attempt fails too, the on-failure destination gets the failure
 * record.
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
    const { definition } = job;
    // With reserved concurrency 0 nothing ever runs; Lambda keeps the event until it is too old.
    if (definition.reservedConcurrency === 0) {
      return this.deliver(
        job,
        definition.onFailureDestinationArn,
        invocationRecord(job, requestId, 'EventAgeExceeded', 0),
      );
    }
    const retries = definition.maximumRetryAttempts ?? DEFAULT_MAXIMUM_RETRY_ATTEMPTS;
    for (let attempt = 1; ; attempt += 1) {
      const result = await job.attempt(requestId);
      if (result === undefined || this.work.isClosed) return;
      if (result.ok) {
        return this.deliver(
          job,
          definition.onSuccessDestinationArn,
          invocationRecord(job, requestId, 'Success', attempt, result),
        );
      }
      if (attempt > retries) {
        return this.deliver(
          job,
          definition.onFailureDestinationArn,
          invocationRecord(job, requestId, 'RetriesExhausted', attempt, result),
        );
      }
      if (!(await this.work.sleep(this.retryDelay(attempt)))) return;
    }
  }

  private async deliver(
    job: AsyncJob,
    destination: string | undefined,
    record: AsyncInvocationRecord,
  ): Promise<void> {
    // Without a destination Lambda keeps no record (and discards a failed event), and so do we.
    if (destination === undefined || this.options.onDestination === undefined) return;
    try {
      await this.options.onDestination(destination, record);
    } catch (error) {
      const which = record.requestContext.condition === 'Success' ? 'on-success' : 'on-failure';
      this.options.report(
        job.definition.name,
        `${which} destination ${destination} failed: ${String(error)}`,
      );
    }
  }

  private retryDelay(attempt: number): number {
    const delays = this.options.retryDelaysMs;
    return delays[Math.min(attempt, delays.length) - 1] ?? 0;
  }
}

function invocationRecord(
  job: AsyncJob,
  requestId: string,
  condition: AsyncInvocationRecord['requestContext']['condition'],
  invokeCount: number,
  result?: InvokeResult,
): AsyncInvocationRecord {
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
      responseContext: {
        statusCode: 200,
        executedVersion: '$LATEST',
        ...(result.ok ? {} : { functionError: result.functionError }),
      },
      responsePayload: result.payload,
    }),
  };
}
