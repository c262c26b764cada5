import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { transactionAttributes } from './message-attributes';

/** A JSON message on a queue, held back `delaySeconds`, carrying the business transaction's correlation id. */
export async function sendMessage(
  client: SQSClient,
  queueUrl: string,
  body: unknown,
  delaySeconds: number,
  correlationId: string | undefined,
): Promise<void> {
  await client.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: JSON.stringify(body),
      DelaySeconds: delaySeconds,
      MessageAttributes: transactionAttributes(correlationId),
    }),
  );
}
