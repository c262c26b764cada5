import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { ServiceEvents } from '../events/event-versions';
import { logger } from '../logger';
import { type ConsumedEvent, readConsumedEvent } from './consumed-event';

/** What one event makes a service do: a use case of its own, the same the orchestrated saga's step runs. */
export type Reaction = (event: ConsumedEvent) => Promise<string>;

/**
 * Thrown by a reaction that should run again, not before `delaySeconds` (a callback receiver that failed:
 * its backoff). The consumer hides the message that long (ChangeMessageVisibility) before failing it, so
 * the queue redelivers it then; the queue's `maxReceiveCount` still bounds the attempts.
 */
export class RetryLater extends Error {
  override readonly name: string = 'RetryLater';
  constructor(
    message: string,
    readonly delaySeconds: number,
  ) {
    super(message);
  }
}

/** Hides a message from its queue for this long: the queue's redelivery after a RetryLater. */
export type DelayRedelivery = (record: SQSRecord, delaySeconds: number) => Promise<void>;

export interface EventConsumerOptions {
  /** The producers whose events this service consumes (their contracts), and what each event type makes it do. */
  readonly producers: readonly ServiceEvents[];
  readonly reactions: Readonly<Record<string, Reaction>>;
  readonly idempotency: {
    readonly client: DynamoDBClient;
    readonly tableName: string;
    /** Stable across deployments, so records survive a redeploy. */
    readonly keyPrefix: string;
  };
  /** How a RetryLater's delay is applied; without it, a RetryLater waits for the queue's visibility timeout. */
  readonly delayRedelivery?: DelayRedelivery;
}

/**
 * A choreography consumer: an SQS batch of bus events (rule -> the service's queue -> this function), each
 * handled on its own with Powertools' batch processor, whose partial batch response returns only the
 * failed messages to the queue (retried after the visibility timeout, dead-lettered after the queue's
 * `maxReceiveCount`).
 *
 * Idempotent twice over. Powertools idempotency keys each event by `metadata.eventId` (a duplicate
 * delivery gets the first one's answer without running again); and every reaction is idempotent by order id
 * in the operation itself (a second reservation of an order is no reservation), which covers what an event
 * id cannot: the same intent in two events, or the idempotency record expired.
 */
export function eventConsumer(options: EventConsumerOptions) {
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'metadata.eventId',
    expiresAfterSeconds: 7 * 24 * 60 * 60,
  });
  const react = makeIdempotent(
    async (event: ConsumedEvent): Promise<{ outcome: string }> => {
      const reaction = options.reactions[event.type];
      if (reaction === undefined) throw new Error(`No reaction to ${event.source} ${event.type}.`);
      return { outcome: await reaction(event) };
    },
    {
      persistenceStore: new DynamoDBPersistenceLayer({
        tableName: options.idempotency.tableName,
        awsSdkV3Client: options.idempotency.client,
      }),
      config,
      keyPrefix: options.idempotency.keyPrefix,
    },
  );
  const processor = new BatchProcessor(EventType.SQS);
  const handleRecord = async (record: SQSRecord): Promise<void> => {
    const attempt = Number(record.attributes?.ApproximateReceiveCount ?? '1');
    const event = readConsumedEvent(record.body, options.producers, attempt);
    logger.appendKeys({ correlationId: event.metadata.correlationId, eventId: event.metadata.eventId });
    try {
      const { outcome } = await react(event);
      logger.info('event handled', { type: event.type, outcome });
    } catch (error) {
      if (error instanceof RetryLater && options.delayRedelivery) {
        logger.info('event to retry', {
          type: event.type,
          reason: error.message,
          delaySeconds: error.delaySeconds,
        });
        await options.delayRedelivery(record, error.delaySeconds);
      } else logger.warn('event not handled', { type: event.type, error: error as Error });
      throw error;
    } finally {
      logger.removeKeys(['correlationId', 'eventId']);
    }
  };
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    logger.addContext(context);
    config.registerLambdaContext(context);
    // One record at a time: each appends its correlation and event ids to the shared logger, and records
    // handled in parallel (Powertools' default) would log under each other's ids.
    return processPartialResponse(event, handleRecord, processor, { context, processInParallel: false });
  };
}
