import {
  type DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type GetShardIteratorCommandInput,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import { matches } from '../eventbridge/pattern';
import { arrivalTimeMs } from './arrival-time';
import { type DeliveryContext, deliverBatch } from './deliver-batch';
import { toLambdaRecord } from './lambda-record';
import { isAtOrBefore } from './stream-checkpoints';
import type { PolledRecord } from './types';

export interface ShardReaderOptions {
  readonly streams: DynamoDBStreamsClient;
  /** The real stream ARN (DynamoDB Local's), for the Streams API. */
  readonly streamArn: string;
  readonly delivery: DeliveryContext;
  readonly pollIntervalMs: number;
  readonly iteratorType: 'TRIM_HORIZON' | 'LATEST';
  /** The checkpoint of an earlier run: read on from the record after it, instead of `iteratorType`. */
  readonly resumeAfter?: string;
  /** Called with the sequence number of the last record handled, each time it moves. */
  readonly onCheckpoint?: (sequenceNumber: string) => void;
}

/**
 * Reads one shard from its iterator to its end (a closed shard's last record) and delivers its records in
 * order, one batch at a time: the next GetRecords waits until the batch in hand is done. Records that no
 * filter matches are dropped, as Lambda drops them.
 */
export class ShardReader {
  private iterator: string | undefined;
  private lastSequenceNumber: string | undefined;
  private checkpointed: string | undefined;
  private readonly pending: PolledRecord[] = [];
  private windowStartMs = 0;
  private finished = false;
  /**
   * When the last GetRecords that found nothing new was sent while nothing was pending: every record
   * written before that moment has been handled. Undefined while records are in hand.
   */
  private caughtUpSince: number | undefined;

  constructor(private readonly options: ShardReaderOptions) {
    this.lastSequenceNumber = options.resumeAfter;
    this.checkpointed = options.resumeAfter;
  }

  get shardId(): string {
    return this.options.delivery.shardId;
  }

  get isFinished(): boolean {
    return this.finished;
  }

  /** Whether every record written to this shard before `sinceMs` was handled. */
  caughtUpAfter(sinceMs: number): boolean {
    return this.finished || (this.caughtUpSince !== undefined && this.caughtUpSince >= sinceMs);
  }

  /** Takes the first iterator, so that a LATEST reader sees every write made after this resolves. */
  async open(): Promise<void> {
    const { resumeAfter } = this.options;
    if (resumeAfter === undefined) {
      this.iterator = await this.shardIterator({ ShardIteratorType: this.options.iteratorType });
      return;
    }
    try {
      this.iterator = await this.shardIterator({
        ShardIteratorType: 'AFTER_SEQUENCE_NUMBER',
        SequenceNumber: resumeAfter,
      });
    } catch (error) {
      // The checkpoint is no longer in the shard (trimmed, or the data was replaced): read what is
      // there; the records at or before the checkpoint are skipped as they come (read()).
      this.options.delivery.trace(
        `resuming after ${resumeAfter} refused (${String(error)}): from TRIM_HORIZON`,
      );
      this.iterator = await this.shardIterator({ ShardIteratorType: 'TRIM_HORIZON' });
    }
  }

  /** Reads and delivers until the shard ends or the poller stops. */
  async run(): Promise<void> {
    const { sleeper, trace } = this.options.delivery;
    while (!sleeper.isStopped) {
      if (this.iterator === undefined) {
        // A closed shard with everything read: deliver what the batching window still holds, then end.
        if (!(await this.flush(true))) return;
        this.finished = true;
        trace('shard finished');
        return;
      }
      const sentAt = Date.now();
      let fresh: number;
      try {
        fresh = await this.read();
      } catch (error) {
        trace(`GetRecords failed: ${String(error)}`);
        if (!(await sleeper.sleep(this.options.pollIntervalMs))) return;
        continue;
      }
      if (!(await this.flush(false))) return;
      this.caughtUpSince = fresh === 0 && this.pending.length === 0 ? sentAt : undefined;
      if (fresh === 0 && this.iterator !== undefined && !(await sleeper.sleep(this.pollDelayMs()))) return;
    }
  }

  /** One GetRecords; returns how many records it brought (matching a filter or not). */
  private async read(): Promise<number> {
    const { mapping } = this.options.delivery;
    let response: GetRecordsCommandOutput;
    try {
      response = await this.options.streams.send(new GetRecordsCommand({ ShardIterator: this.iterator }));
    } catch (error) {
      if (!(error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException))
        throw error;
      // Iterators expire (15 minutes on AWS), and one taken on an empty shard can point before its trim
      // horizon (DynamoDB Local answers TrimmedDataAccessException then): continue right after the last
      // record read, or from the oldest record still there.
      this.iterator = await this.shardIterator(
        this.lastSequenceNumber
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: this.lastSequenceNumber }
          : { ShardIteratorType: 'TRIM_HORIZON' },
      );
      return 0;
    }
    this.iterator = response.NextShardIterator;
    const records = response.Records ?? [];
    const readAt = Date.now();
    const { resumeAfter } = this.options;
    for (const raw of records) {
      const record = toLambdaRecord(raw, mapping.eventSourceArn, mapping.region);
      // Handled before the restart: never delivered twice.
      if (resumeAfter !== undefined && isAtOrBefore(record.dynamodb.SequenceNumber, resumeAfter)) continue;
      this.lastSequenceNumber = record.dynamodb.SequenceNumber;
      if (mapping.filters.length > 0 && !mapping.filters.some((filter) => matches(filter, record))) continue;
      if (this.pending.length === 0) this.windowStartMs = readAt;
      this.pending.push({
        record,
        arrivalMs: arrivalTimeMs(record.dynamodb.ApproximateCreationDateTime, readAt),
      });
    }
    return records.length;
  }

  /**
   * Delivers full batches, then the rest once the batching window has passed (at once without a window,
   * or when the shard has ended). Returns false when stopped.
   */
  private async flush(shardEnded: boolean): Promise<boolean> {
    const { mapping } = this.options.delivery;
    while (this.pending.length > 0) {
      const windowOver = Date.now() - this.windowStartMs >= mapping.maximumBatchingWindowMs;
      if (this.pending.length < mapping.batchSize && !windowOver && !shardEnded) return true;
      const batch = this.pending.slice(0, mapping.batchSize);
      if (!(await deliverBatch(this.options.delivery, batch))) return false;
      this.pending.splice(0, batch.length);
      this.windowStartMs = Date.now();
      const last = batch.at(-1)?.record.dynamodb.SequenceNumber;
      if (last !== undefined) this.checkpoint(last);
    }
    // Nothing in hand: every record read so far is handled, including those no filter matched.
    if (this.lastSequenceNumber !== undefined) this.checkpoint(this.lastSequenceNumber);
    return true;
  }

  private checkpoint(sequenceNumber: string): void {
    if (sequenceNumber === this.checkpointed) return;
    this.checkpointed = sequenceNumber;
    this.options.onCheckpoint?.(sequenceNumber);
  }

  /** The poll interval, shortened so that an open batching window is not overslept. */
  private pollDelayMs(): number {
    if (this.pending.length === 0) return this.options.pollIntervalMs;
    const windowLeft =
      this.windowStartMs + this.options.delivery.mapping.maximumBatchingWindowMs - Date.now();
    return Math.max(0, Math.min(this.options.pollIntervalMs, windowLeft));
  }

  private async shardIterator(
    position: Pick<GetShardIteratorCommandInput, 'ShardIteratorType' | 'SequenceNumber'>,
  ): Promise<string | undefined> {
    const { ShardIterator } = await this.options.streams.send(
      new GetShardIteratorCommand({ StreamArn: this.options.streamArn, ShardId: this.shardId, ...position }),
    );
    return ShardIterator;
  }
}
