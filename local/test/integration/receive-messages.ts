import { ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** Long-polls a queue until `count` messages arrived (or the time is up), deleting nothing. */
export async function receiveBodies(
  sqs: SQSClient,
  queueUrl: string,
  count: number,
  timeoutMs = 20_000,
): Promise<string[]> {
  const bodies: string[] = [];
  const deadline = Date.now() + timeoutMs;
  while (bodies.length < count && Date.now() < deadline) {
    const answer = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        VisibilityTimeout: 60,
      }),
    );
    bodies.push(...(answer.Messages ?? []).map((message) => message.Body ?? ''));
  }
  return bodies;
}
