import type { InvokeResult, LambdaService } from '../lambda/types';
import type { ResolvedResource } from '../model/resolved-resource';
import type { BeforeBatch } from '../shared/requests-in-flight';
import { failedMessageIds } from './batch-response';
import { type SqsFilters, sqsFilters } from './filter-criteria';
import type { LocalSqs } from './local-sqs';
import { type SqsEventRecord, sqsEvent } from './sqs-lambda-event';
import type { ReceivedMessage } from './stored-message';

/** One SQS -> Lambda event source mapping, as the template declares it. */
export interface SqsMappingConfig {
  /** The mapping's logical id (for traces and errors). */
  readonly id: string;
  readonly queueArn: string;
  /** Function name or ARN, as `FunctionName` gives it. */
  readonly functionName: string;
  /** Default 10, as Lambda's. */
  readonly batchSize: number;
  /** Default 0. */
  readonly maximumBatchingWindowSeconds: number;
  readonly reportBatchItemFailures: boolean;
  /** `ScalingConfig.MaximumConcurrency`: concurrent invocations of this mapping. */
  readonly maximumConcurrency?: number;
  readonly enabled: boolean;
  /** `FilterCriteria`: messages no filter matches are deleted unseen. None: every message goes. */
  readonly filters?: SqsFilters;
}

/** What happened to one batch; for the local cloud's trace. */
export interface BatchOutcome {
  readonly mappingId: string;
  readonly messageIds: readonly string[];
  /** Deleted without reaching the function: no filter of the mapping matched them. */
  readonly filteredOut: readonly string[];
  /** Deleted from the queue (processed); the others reappear after their visibility timeout. */
  readonly deleted: readonly string[];
  /** The function's answer; absent when every message was filtered out and it was not invoked. */
  readonly result?: InvokeResult;
}

export interface MappingOptions {
  readonly sqs: LocalSqs;
  readonly lambda: LambdaService;
  /** After each batch; `handed` are the event records the function got (none when all were filtered out). */
  readonly onBatch?: (outcome: BatchOutcome, handed: readonly SqsEventRecord[]) => void;
  /** An unexpected error of the poller itself (the queue was deleted, ...); polling goes on after a pause. */
  readonly onError?: (mappingId: string, error: unknown) => void;
  /**
   * Waited for before each receive (not between receive and invoke, so no message sits received and
   * invisible meanwhile): the local cloud defers batches while API requests run.
   */
  readonly beforeBatch?: BeforeBatch;
}

/** Lambda starts five pollers per SQS mapping; without MaximumConcurrency that is our concurrency too. */
const DEFAULT_POLLERS = 5;
const LONG_POLL_MS = 20_000;
const ERROR_PAUSE_MS = 1_000;
const MAX_RECEIVE = 10;

/**
 * Polls a queue and invokes the function with batches, as Lambda's SQS event source mapping does: a
 * batch that succeeds is deleted; with `ReportBatchItemFailures` only the records not reported as failed
 * are; on a function error nothing is deleted, so the messages come back after the queue's visibility
 * timeout and, once received `maxReceiveCount` times, the queue's redrive policy moves them to the
 * dead-letter queue.
 */
export class SqsEventSourceMapping {
  private readonly stopping = new AbortController();
  private pollers: Promise<void>[] = [];

  constructor(
    readonly config: SqsMappingConfig,
    private readonly options: MappingOptions,
  ) {}

  start(): void {
    if (!this.config.enabled || this.pollers.length > 0) return;
    const count = this.config.maximumConcurrency ?? DEFAULT_POLLERS;
    this.pollers = Array.from({ length: count }, () => this.poll());
  }

  /** Resolves once every poller has finished its current batch; no timer or long poll is left. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.all(this.pollers);
  }

  private async poll(): Promise<void> {
    const signal = this.stopping.signal;
    // A closed service answers every receive at once: polling it would spin, so the poller ends.
    while (!signal.aborted && !this.options.sqs.closed) {
      try {
        await this.options.beforeBatch?.(signal);
        if (signal.aborted) break;
        const batch = await this.collectBatch(signal);
        if (batch.length > 0) await this.process(batch);
      } catch (error) {
        this.options.onError?.(this.config.id, error);
        await pause(ERROR_PAUSE_MS, signal);
      }
    }
  }

  /**
   * Long-polls for a first message, then keeps receiving until the batch is full or the batching window
   * (counted from the first message) is over; without a window, it takes what is there at once.
   */
  private async collectBatch(signal: AbortSignal): Promise<ReceivedMessage[]> {
    const { sqs } = this.options;
    const { queueArn, batchSize } = this.config;
    const batch = await sqs.receive(queueArn, {
      maxMessages: Math.min(MAX_RECEIVE, batchSize),
      waitMs: LONG_POLL_MS,
      signal,
    });
    if (batch.length === 0) return batch;
    const windowEnds = Date.now() + 1000 * this.config.maximumBatchingWindowSeconds;
    while (batch.length < batchSize && !signal.aborted) {
      const more = await sqs.receive(queueArn, {
        maxMessages: Math.min(MAX_RECEIVE, batchSize - batch.length),
        waitMs: Math.max(0, windowEnds - Date.now()),
        signal,
      });
      if (more.length === 0) break;
      addLatest(batch, more);
    }
    if (signal.aborted) {
      // Stopping before the invocation: hand the messages back at once rather than after their timeout.
      for (const { receiptHandle } of batch) sqs.changeVisibility(queueArn, receiptHandle, 0);
      return [];
    }
    return batch;
  }

  private async process(received: ReceivedMessage[]): Promise<void> {
    const { sqs, lambda } = this.options;
    const { filters } = this.config;
    const all = sqsEvent(received, this.config.queueArn, sqs.region).Records;
    const filteredOut: string[] = [];
    const batch: ReceivedMessage[] = [];
    const records: SqsEventRecord[] = [];
    for (const [index, record] of all.entries()) {
      const message = received[index] as ReceivedMessage;
      if (filters === undefined || filters.accepts(record)) {
        batch.push(message);
        records.push(record);
      } else {
        sqs.deleteMessage(this.config.queueArn, message.receiptHandle);
        filteredOut.push(record.messageId);
      }
    }
    if (batch.length === 0) {
      this.options.onBatch?.({ mappingId: this.config.id, messageIds: [], filteredOut, deleted: [] }, []);
      return;
    }
    const event = { Records: records };
    const result = await lambda.invoke(this.config.functionName, event);
    let failed: 'all' | Set<string> = 'all';
    if (result.ok)
      failed = this.config.reportBatchItemFailures
        ? failedMessageIds(result.payload, event.Records)
        : new Set();
    const deleted: string[] = [];
    if (failed !== 'all') {
      for (const { message, receiptHandle } of batch) {
        if (failed.has(message.messageId)) continue;
        sqs.deleteMessage(this.config.queueArn, receiptHandle);
        deleted.push(message.messageId);
      }
    }
    this.options.onBatch?.(
      {
        mappingId: this.config.id,
        messageIds: batch.map(({ message }) => message.messageId),
        filteredOut,
        deleted,
        result,
      },
      records,
    );
  }
}

/**
 * A message whose visibility timeout ends inside the batching window is received again: it stays in the
 * batch once, with its newest receipt handle (the only one that can delete it).
 */
function addLatest(batch: ReceivedMessage[], more: readonly ReceivedMessage[]): void {
  for (const received of more) {
    const index = batch.findIndex(({ message }) => message.messageId === received.message.messageId);
    if (index >= 0) batch[index] = received;
    else batch.push(received);
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

export interface SqsMappingsFromResources {
  readonly mappings: SqsMappingConfig[];
  readonly warnings: string[];
}

/**
 * The SQS mappings among resolved AWS::Lambda::EventSourceMapping resources (those whose EventSourceArn
 * is a queue; stream mappings belong elsewhere). Properties it cannot honour are reported.
 */
export function sqsMappingsFromResources(resources: readonly ResolvedResource[]): SqsMappingsFromResources {
  const mappings: SqsMappingConfig[] = [];
  const warnings: string[] = [];
  for (const resource of resources) {
    if (resource.type !== 'AWS::Lambda::EventSourceMapping') continue;
    const p = resource.properties;
    const queueArn = p.EventSourceArn;
    if (typeof queueArn !== 'string' || !/^arn:[^:]+:sqs:/.test(queueArn)) continue;
    const where = `${resource.stackName}/${resource.logicalId}`;
    for (const unsupported of ['KmsKeyArn', 'MetricsConfig']) {
      if (p[unsupported] !== undefined) {
        warnings.push(
          `${where}: ${unsupported} is not supported by the local SQS event source mapping and is ignored.`,
        );
      }
    }
    const scaling = (p.ScalingConfig ?? {}) as { MaximumConcurrency?: unknown };
    const responseTypes = Array.isArray(p.FunctionResponseTypes) ? p.FunctionResponseTypes : [];
    mappings.push({
      id: where,
      queueArn,
      functionName: String(p.FunctionName),
      batchSize: numberOr(p.BatchSize, 10),
      maximumBatchingWindowSeconds: numberOr(p.MaximumBatchingWindowInSeconds, 0),
      reportBatchItemFailures: responseTypes.includes('ReportBatchItemFailures'),
      maximumConcurrency:
        scaling.MaximumConcurrency === undefined ? undefined : Number(scaling.MaximumConcurrency),
      enabled: p.Enabled === undefined ? true : p.Enabled === true || p.Enabled === 'true',
      ...(p.FilterCriteria === undefined ? {} : { filters: sqsFilters(where, p.FilterCriteria) }),
    });
  }
  return { mappings, warnings };
}

function numberOr(value: unknown, fallback: number): number {
  return value === undefined || value === null ? fallback : Number(value);
}
