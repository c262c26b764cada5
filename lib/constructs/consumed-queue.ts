import { Duration, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config';
import { DeadLetterQueue } from './dead-letter-queue';
import { ServiceFunction } from './service-function';

/**
 * A queue a function consumes (encrypted, TLS only) and its DLQ, made as `Queue` and `DeadLetters` in
 * `scope`: a message that keeps failing goes to the DLQ after the stage's `maxReceiveCount` receives, each
 * retried after the visibility timeout (past the consumer's timeout, as SQS requires); a consumer that
 * paces its own retries gives its own `redelivery`.
 */
export function queueWithDeadLetters(
  scope: Construct,
  config: StageConfig,
  purpose: string,
  redelivery: {
    readonly visibilityTimeout: Duration;
    readonly maxReceiveCount: number;
  } = config.choreography,
): { readonly queue: sqs.Queue; readonly deadLetters: DeadLetterQueue } {
  const deadLetters = new DeadLetterQueue(scope, 'DeadLetters', { purpose });
  const queue = new sqs.Queue(scope, 'Queue', {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    visibilityTimeout: redelivery.visibilityTimeout,
    retentionPeriod: Duration.days(4),
    deadLetterQueue: { queue: deadLetters.queue, maxReceiveCount: redelivery.maxReceiveCount },
  });
  return { queue, deadLetters };
}

/** `fn` consumes `queue` in batches of 10 with partial batch responses: only failed messages come back. */
export function consumeQueue(fn: lambda.Function, queue: sqs.IQueue): void {
  fn.addEventSource(new sources.SqsEventSource(queue, { batchSize: 10, reportBatchItemFailures: true }));
  const mappings = fn.node.children.filter(
    (child): child is lambda.EventSourceMapping => child instanceof lambda.EventSourceMapping,
  );
  for (const mapping of mappings) {
    Validations.of(mapping).acknowledge({
      id: 'Serverless-LambdaEventSourceMappingDestination',
      reason:
        "An SQS event source mapping has no on-failure destination: the queue's redrive policy dead-letters a message after maxReceiveCount receives.",
    });
  }
}

export interface QueueConsumerProps {
  readonly config: StageConfig;
  /** The consuming service (its `lambdas/` folder), and its handler there. */
  readonly service: string;
  readonly handler: string;
  readonly description: string;
  /** What its DLQ holds, for the DLQ's alarm. */
  readonly deadLetterPurpose: string;
  readonly environment?: Readonly<Record<string, string>>;
}

/** A queue of plain messages (with its DLQ) and the function that consumes it, as `queueWithDeadLetters`. */
export class QueueConsumer extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetters: DeadLetterQueue;
  readonly function: ServiceFunction;

  constructor(scope: Construct, id: string, props: QueueConsumerProps) {
    super(scope, id);
    ({ queue: this.queue, deadLetters: this.deadLetters } = queueWithDeadLetters(
      this,
      props.config,
      props.deadLetterPurpose,
    ));
    this.function = new ServiceFunction(this, 'Consumer', {
      config: props.config,
      service: props.service,
      handler: props.handler,
      invocation: 'queue',
      description: props.description,
      ...(props.environment ? { environment: props.environment } : {}),
    });
    consumeQueue(this.function.function, this.queue);
  }
}
