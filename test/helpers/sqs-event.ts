import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { TRANSACTION_CORRELATION_ATTRIBUTE } from '../../lambdas/shared/queues/message-attributes';

/** An SQS event of these bodies, as Lambda's event source mapping delivers them (ids `m0`, `m1`, ...). */
export function sqsEvent(bodies: readonly unknown[], correlationId?: string): SQSEvent {
  return {
    Records: bodies.map(
      (body, index): SQSRecord => ({
        messageId: `m${index}`,
        receiptHandle: `r${index}`,
        body: typeof body === 'string' ? body : JSON.stringify(body),
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: '1764928800000',
          SenderId: 'sender',
          ApproximateFirstReceiveTimestamp: '1764928800000',
        },
        messageAttributes:
          correlationId === undefined
            ? {}
            : { [TRANSACTION_CORRELATION_ATTRIBUTE]: { dataType: 'String', stringValue: correlationId } },
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:queue',
        awsRegion: 'us-east-1',
      }),
    ),
  };
}
