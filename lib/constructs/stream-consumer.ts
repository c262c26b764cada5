import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
import type { StreamConsumerConfig } from '../config/stage-config';
import { DeadLetterQueue } from './dead-letter-queue';

export interface StreamConsumerProps {
  readonly table: dynamodb.ITable;
  readonly consumer: lambda.IFunction;
  readonly config: StreamConsumerConfig;
  /** What the consumer does, for the DLQ's alarm. */
  readonly purpose: string;
  /** Only these stream event names reach the function (the rest are filtered out by Lambda, for free). */
  readonly eventNames: readonly ('INSERT' | 'MODIFY' | 'REMOVE')[];
}

/**
 * A DynamoDB stream event source mapping with our resilience defaults: records in order (one batch per
 * shard at a time), partial batch failures reported, a failing batch bisected to isolate the poison
 * record, bounded retries and record age, and an SQS on-failure destination with an alarm, so one bad
 * record never blocks the shard for 24 hours and never disappears unseen.
 */
export class StreamConsumer extends Construct {
  readonly deadLetters: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: StreamConsumerProps) {
    super(scope, id);
    this.deadLetters = new DeadLetterQueue(this, 'DeadLetters', { purpose: props.purpose });
    props.consumer.addEventSource(
      new sources.DynamoEventSource(props.table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: props.config.batchSize,
        parallelizationFactor: 1,
        bisectBatchOnError: true,
        retryAttempts: props.config.retryAttempts,
        maxRecordAge: props.config.maxRecordAge,
        reportBatchItemFailures: true,
        onFailure: new sources.SqsDlq(this.deadLetters.queue),
        filters: [lambda.FilterCriteria.filter({ eventName: lambda.FilterRule.or(...props.eventNames) })],
      }),
    );
  }
}
