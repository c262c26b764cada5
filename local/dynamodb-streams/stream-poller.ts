import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { LambdaService } from '../lambda/types';
import type { BeforeBatch } from '../shared/requests-in-flight';
import { ShardReader } from './shard-reader';
import type { Sleeper } from './sleeper';
import { latestStreamArn } from './stream-arn';
import { inMemoryCheckpoints, type StreamCheckpoints } from './stream-checkpoints';
import type { OnStreamFailure, StreamMappingDefinition } from './types';

export interface StreamPollerOptions {
  readonly mapping: StreamMappingDefinition;
  readonly lambda: LambdaService;
  readonly dynamodb: DynamoDBClient;
  readonly streams: DynamoDBStreamsClient;
  readonly sleeper: Sleeper;
  readonly onFailure?: OnStreamFailure;
  readonly onTrace: (line: string) => void;
  readonly beforeBatch?: BeforeBatch;
  readonly pollIntervalMs: number;
  readonly describeIntervalMs: number;
  readonly retryDelayMs: number;
  /** Default: in memory, every start is the mapping's first. */
  readonly checkpoints?: StreamCheckpoints;
}

/**
 * One event source mapping: finds the table's real stream, reads each shard with its own ShardReader
 * (shards run in parallel, as on AWS), and looks for new shards every `describeIntervalMs`. A child shard
 * is read only once its parent is finished, so a key's changes stay in order across a shard split.
 */
export class StreamPoller {
  private streamArn = '';
  private readonly readers = new Map<string, ShardReader>();
  private readonly running: Promise<void>[] = [];
  /** Shards never to read: closed before a LATEST mapping started. */
  private readonly skipped = new Set<string>();
  private shards: Shard[] = [];
  private describedSince = 0;
  private discovery: Promise<void> | undefined;
  /** The checkpoints of the run before this one, per shard; undefined on the mapping's first start. */
  private resumed: ReadonlyMap<string, string> | undefined;

  private readonly checkpoints: StreamCheckpoints;

  constructor(private readonly options: StreamPollerOptions) {
    this.checkpoints = options.checkpoints ?? inMemoryCheckpoints();
  }

  /** Resolves once every shard open now has its iterator: later writes are seen even from LATEST. */
  async start(): Promise<void> {
    const { mapping } = this.options;
    this.resumed = this.checkpoints.of(mapping.id);
    this.checkpoints.started(mapping.id);
    this.streamArn = await latestStreamArn(this.options.dynamodb, mapping.tableName);
    const sentAt = Date.now();
    this.shards = await this.describe();
    this.describedSince = sentAt;
    const initial = mapping.startingPosition;
    if (initial === 'LATEST') {
      for (const shard of this.shards) {
        const id = shard.ShardId ?? '';
        if (shard.SequenceNumberRange?.EndingSequenceNumber && !this.resumed?.has(id)) this.skipped.add(id);
      }
    }
    await this.startReadyShards(initial);
    this.discovery = this.discover();
  }

  /** Resolves when every reader and the shard discovery have ended (after the sleeper is stopped). */
  async stopped(): Promise<void> {
    await this.discovery;
    // Readers started by the discovery loop are in `running` too; wait until none is added any more.
    for (let count = 0; count !== this.running.length; ) {
      count = this.running.length;
      await Promise.all(this.running);
    }
  }

  /** Whether every record written before `sinceMs` was handled, on every shard that exists. */
  drainedSince(sinceMs: number): boolean {
    if (this.describedSince < sinceMs) return false;
    for (const shard of this.shards) {
      const id = shard.ShardId ?? '';
      if (this.skipped.has(id)) continue;
      const reader = this.readers.get(id);
      if (!reader?.caughtUpAfter(sinceMs)) return false;
    }
    return true;
  }

  private async discover(): Promise<void> {
    const { sleeper, describeIntervalMs } = this.options;
    while (await sleeper.sleep(describeIntervalMs)) {
      try {
        const sentAt = Date.now();
        this.shards = await this.describe();
        await this.startReadyShards('TRIM_HORIZON');
        this.describedSince = sentAt;
      } catch (error) {
        this.trace('-', `DescribeStream failed: ${String(error)}`);
      }
    }
  }

  /**
   * Starts a reader for each known shard that has none yet and whose parent is finished (or unknown: its
   * records have been trimmed). Shards found after the start are read from their beginning.
   */
  private async startReadyShards(position: 'TRIM_HORIZON' | 'LATEST'): Promise<void> {
    const known = new Set(this.shards.map((shard) => shard.ShardId));
    for (const shard of this.shards) {
      const id = shard.ShardId;
      if (!id || this.readers.has(id) || this.skipped.has(id)) continue;
      const parent = shard.ParentShardId;
      const parentDone =
        !parent || !known.has(parent) || this.skipped.has(parent) || this.readers.get(parent)?.isFinished;
      if (!parentDone) continue;
      const reader = this.reader(id, position);
      await reader.open();
      this.readers.set(id, reader);
      this.running.push(
        reader
          .run()
          .then(async () => {
            // A finished parent frees its children at once, without waiting for the next DescribeStream.
            if (reader.isFinished && !this.options.sleeper.isStopped)
              await this.startReadyShards('TRIM_HORIZON');
          })
          .catch((error: unknown) => this.trace(id, `reader failed: ${String(error)}`)),
      );
    }
  }

  private reader(shardId: string, iteratorType: 'TRIM_HORIZON' | 'LATEST'): ShardReader {
    const { options } = this;
    return new ShardReader({
      streams: options.streams,
      streamArn: this.streamArn,
      pollIntervalMs: options.pollIntervalMs,
      iteratorType,
      ...resumeAt(this.resumed?.get(shardId)),
      onCheckpoint: (sequenceNumber) => this.checkpoints.advance(options.mapping.id, shardId, sequenceNumber),
      delivery: {
        mapping: options.mapping,
        lambda: options.lambda,
        shardId,
        retryDelayMs: options.retryDelayMs,
        sleeper: options.sleeper,
        trace: (message) => this.trace(shardId, message),
        ...(options.onFailure ? { onFailure: options.onFailure } : {}),
        ...(options.beforeBatch ? { beforeBatch: options.beforeBatch } : {}),
      },
    });
  }

  private async describe(): Promise<Shard[]> {
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const { StreamDescription } = await this.options.streams.send(
        new DescribeStreamCommand({ StreamArn: this.streamArn, ExclusiveStartShardId: start }),
      );
      shards.push(...(StreamDescription?.Shards ?? []));
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start);
    return shards;
  }

  private trace(shardId: string, message: string): void {
    const { mapping } = this.options;
    this.options.onTrace(
      `stream ${mapping.tableName} shard ${shardId} -> ${mapping.functionName}: ${message}`,
    );
  }
}

function resumeAt(checkpoint: string | undefined): { resumeAfter?: string } {
  return checkpoint === undefined ? {} : { resumeAfter: checkpoint };
}
