import { ChangeMessageVisibilityCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import type { DelayRedelivery } from '../../shared/choreography/event-consumer';

/** SQS's longest visibility timeout (12 h): the longest wait of any stage's schedule (10 h) is under it. */
const MAX_VISIBILITY_SECONDS = 12 * 60 * 60;

/** A RetryLater's delay as the message's visibility timeout on its own queue. */
export function sqsRedelivery(client: SQSClient, queueUrl: string): DelayRedelivery {
  return async (record: SQSRecord, delaySeconds: number) => {
    await client.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: queueUrl,
        ReceiptHandle: record.receiptHandle,
        VisibilityTimeout: Math.min(Math.max(0, Math.round(delaySeconds)), MAX_VISIBILITY_SECONDS),
      }),
    );
  };
}
