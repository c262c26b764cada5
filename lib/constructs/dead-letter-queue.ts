import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface DeadLetterQueueProps {
  /** What lands here, for the alarm and whoever reads it. */
  readonly purpose: string;
}

/**
 * Where messages and records that could not be processed end up: encrypted, TLS only, kept for the SQS
 * maximum of 14 days, and an alarm as soon as anything arrives (nothing should, ever, without a human
 * looking at it).
 */
export class DeadLetterQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.alarm = new cloudwatch.Alarm(this, 'NotEmptyAlarm', {
      alarmDescription: `Dead letters: ${props.purpose}`,
      metric: this.queue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const isTheDlq =
      'This queue is itself a dead-letter queue; its messages are inspected and redriven by a person.';
    Validations.of(this.queue).acknowledge(
      { id: 'AwsSolutions-SQS3', reason: isTheDlq },
      { id: 'Serverless-SQSRedrivePolicy', reason: isTheDlq },
    );
  }
}
