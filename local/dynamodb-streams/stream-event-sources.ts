import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { LambdaService } from '../lambda/types';
import type { BeforeBatch } from '../shared/requests-in-flight';
import { Sleeper } from './sleeper';
import type { StreamCheckpoints } from './stream-checkpoints';
import { StreamPoller } from './stream-poller';
import type { OnStreamFailure, StreamMappingDefinition } from './types';

export interface DynamoDbStreamEventSourcesOptions {
  readonly mappings: readonly StreamMappingDefinition[];
  readonly lambda: LambdaService;
  /** DynamoDB Local's endpoint; the Streams API is served on the same port. */
  readonly endpoint: string;
  readonly region?: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Receives the record Lambda sends to DestinationConfig.OnFailure (an SQS queue or SNS topic ARN). */
  readonly onFailure?: OnStreamFailure;
  /** One line per batch outcome: `stream <table> shard <id> -> <function>: 3 records, ok`. */
  readonly onTrace?: (line: string) => void;
  /** Wait between GetRecords calls that found nothing; Lambda polls 4 times a second (250 ms). */
  readonly pollIntervalMs?: number;
  /** How often to look for new shards. */
  readonly describeIntervalMs?: number;
  /** Wait before retrying a failed batch. */
  readonly retryDelayMs?: number;
  /**
   * Each mapping's position per shard, kept across restarts when these are files (`fileCheckpoints`):
   * a restarted mapping reads on after its checkpoints. Default: in memory (every start is the first).
   */
  readonly checkpoints?: StreamCheckpoints;
  /** Waited for before each batch is delivered (the local cloud defers batches while API requests run). */
  readonly beforeBatch?: BeforeBatch;
}

/**
 * DynamoDB Streams event source mappings for the local cloud: polls the real streams of DynamoDB Local
 * and invokes each mapping's function synchronously through the LambdaService, as Lambda's pollers do.
 * Disabled mappings (`Enabled: false`) are not polled.
 */
export class DynamoDbStreamEventSources {
  private readonly sleeper = new Sleeper();
  private readonly dynamodb: DynamoDBClient;
  private readonly streams: DynamoDBStreamsClient;
  private readonly pollers: StreamPoller[];
  private started = false;

  constructor(options: DynamoDbStreamEventSourcesOptions) {
    const clientConfig = {
      endpoint: options.endpoint,
      region: options.region ?? 'us-east-1',
      credentials: options.credentials ?? { accessKeyId: 'local', secretAccessKey: 'local' },
    };
    this.dynamodb = new DynamoDBClient(clientConfig);
    this.streams = new DynamoDBStreamsClient(clientConfig);
    this.pollers = options.mappings
      .filter((mapping) => mapping.enabled)
      .map(
        (mapping) =>
          new StreamPoller({
            mapping,
            lambda: options.lambda,
            dynamodb: this.dynamodb,
            streams: this.streams,
            sleeper: this.sleeper,
            onTrace: options.onTrace ?? (() => {}),
            pollIntervalMs: options.pollIntervalMs ?? 250,
            describeIntervalMs: options.describeIntervalMs ?? 1000,
            retryDelayMs: options.retryDelayMs ?? 500,
            ...(options.checkpoints ? { checkpoints: options.checkpoints } : {}),
            ...(options.onFailure ? { onFailure: options.onFailure } : {}),
            ...(options.beforeBatch ? { beforeBatch: options.beforeBatch } : {}),
          }),
      );
  }

  /** Resolves once every mapping is reading: from then on, each write reaches its LATEST mappings. */
  async start(): Promise<void> {
    if (this.started) throw new Error('Already started');
    this.started = true;
    try {
      await Promise.all(this.pollers.map((poller) => poller.start()));
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /**
   * Stops polling and resolves when it has ended: an invocation in flight is awaited, waits are cut
   * short, no timer is left and the SDK clients are closed. Records read but not yet delivered are
   * dropped (the next start reads from its StartingPosition again).
   */
  async stop(): Promise<void> {
    this.sleeper.stop();
    await Promise.all(this.pollers.map((poller) => poller.stopped()));
    this.dynamodb.destroy();
    this.streams.destroy();
  }

  /**
   * Resolves when every record written before this call has been delivered, filtered out or discarded to
   * the on-failure destination, on every shard of every mapping. For tests and for an orderly shutdown.
   */
  async drain(options: { timeoutMs?: number; checkIntervalMs?: number } = {}): Promise<void> {
    const since = Date.now();
    const deadline = since + (options.timeoutMs ?? 10_000);
    while (!this.pollers.every((poller) => poller.drainedSince(since))) {
      if (this.sleeper.isStopped) throw new Error('Stopped before the streams were drained');
      if (Date.now() > deadline)
        throw new Error(`Streams not drained within ${options.timeoutMs ?? 10_000} ms`);
      await new Promise((resolve) => setTimeout(resolve, options.checkIntervalMs ?? 10));
    }
  }
}
