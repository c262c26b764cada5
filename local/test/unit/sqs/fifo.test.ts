import {
  CreateQueueCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { useSqs } from './sqs-test-kit';

describe('local SQS FIFO queues through the AWS SDK', () => {
  const t = useSqs({ manualClock: true });
  let QueueUrl: string;
  beforeEach(async () => {
    ({ QueueUrl = '' } = await t.client.send(
      new CreateQueueCommand({
        QueueName: 'jobs.fifo',
        Attributes: { FifoQueue: 'true', VisibilityTimeout: '30' },
      }),
    ));
  });
  const send = (body: string, group: string, deduplicationId = body) =>
    t.client.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: body,
        MessageGroupId: group,
        MessageDeduplicationId: deduplicationId,
      }),
    );
  const receive = async (max = 10) =>
    (
      await t.client.send(
        new ReceiveMessageCommand({
          QueueUrl,
          MaxNumberOfMessages: max,
          MessageSystemAttributeNames: ['All'],
        }),
      )
    ).Messages ?? [];

  it('keeps each group in order and blocks a group while one of its messages is in flight', async () => {
    await send('a1', 'a');
    await send('b1', 'b');
    await send('a2', 'a');
    const [first] = await receive(1);
    expect(first?.Body).toBe('a1');
    // a2 waits behind a1, which is in flight; group b is free.
    expect((await receive()).map((m) => m.Body)).toEqual(['b1']);
    expect(await receive()).toEqual([]);
    await t.client.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: first?.ReceiptHandle }));
    expect((await receive()).map((m) => m.Body)).toEqual(['a2']);
  });

  it('redelivers a group from its first unfinished message after the visibility timeout', async () => {
    await send('a1', 'a');
    await send('a2', 'a');
    expect((await receive()).map((m) => m.Body)).toEqual(['a1', 'a2']);
    t.clock.advance(30_000);
    expect((await receive(1)).map((m) => m.Body)).toEqual(['a1']);
  });

  it('reports group, deduplication id and increasing sequence numbers', async () => {
    const one = await send('one', 'g', 'd1');
    const two = await send('two', 'g', 'd2');
    expect(one.SequenceNumber).toMatch(/^\d{20}$/);
    expect(BigInt(two.SequenceNumber ?? '0')).toBeGreaterThan(BigInt(one.SequenceNumber ?? '0'));
    const [message] = await receive(1);
    expect(message?.Attributes).toMatchObject({
      MessageGroupId: 'g',
      MessageDeduplicationId: 'd1',
      SequenceNumber: one.SequenceNumber,
    });
  });

  it('drops a duplicate deduplication id for five minutes, answering with the first message id', async () => {
    const first = await send('x', 'g', 'same');
    const duplicate = await send('y', 'g', 'same');
    expect(duplicate.MessageId).toBe(first.MessageId);
    expect(t.sqs.queue('jobs.fifo').counts().visible).toBe(1);
    t.clock.advance(5 * 60 * 1000);
    const later = await send('z', 'g', 'same');
    expect(later.MessageId).not.toBe(first.MessageId);
    expect(t.sqs.queue('jobs.fifo').counts().visible).toBe(2);
  });

  it('deduplicates by content with ContentBasedDeduplication', async () => {
    const { QueueUrl: url } = await t.client.send(
      new CreateQueueCommand({
        QueueName: 'content.fifo',
        Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' },
      }),
    );
    const first = await t.client.send(
      new SendMessageCommand({ QueueUrl: url, MessageBody: 'same', MessageGroupId: 'g' }),
    );
    const again = await t.client.send(
      new SendMessageCommand({ QueueUrl: url, MessageBody: 'same', MessageGroupId: 'h' }),
    );
    const other = await t.client.send(
      new SendMessageCommand({ QueueUrl: url, MessageBody: 'other', MessageGroupId: 'g' }),
    );
    expect(again.MessageId).toBe(first.MessageId);
    expect(other.MessageId).not.toBe(first.MessageId);
  });

  it('requires a group id and a deduplication id (or content-based deduplication), and refuses per-message delay', async () => {
    await expect(
      t.client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageDeduplicationId: 'd' })),
    ).rejects.toMatchObject({
      name: 'MissingParameter',
    });
    await expect(
      t.client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageGroupId: 'g' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
    await expect(
      t.client.send(
        new SendMessageCommand({
          QueueUrl,
          MessageBody: 'x',
          MessageGroupId: 'g',
          MessageDeduplicationId: 'd',
          DelaySeconds: 5,
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });

  it('keeps batch order within a group', async () => {
    const result = await t.client.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: ['1', '2', '3'].map((n) => ({
          Id: n,
          MessageBody: n,
          MessageGroupId: 'g',
          MessageDeduplicationId: n,
        })),
      }),
    );
    expect(result.Successful?.map((entry) => entry.SequenceNumber)).toEqual(
      [...(result.Successful?.map((entry) => entry.SequenceNumber) ?? [])].sort(),
    );
    expect((await receive()).map((m) => m.Body)).toEqual(['1', '2', '3']);
  });

  it('redrives a FIFO message to a FIFO dead-letter queue and unblocks its group', async () => {
    await t.client.send(
      new CreateQueueCommand({ QueueName: 'dead.fifo', Attributes: { FifoQueue: 'true' } }),
    );
    const { QueueUrl: url } = await t.client.send(
      new CreateQueueCommand({
        QueueName: 'retry.fifo',
        Attributes: {
          FifoQueue: 'true',
          VisibilityTimeout: '1',
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:dead.fifo',
            maxReceiveCount: 1,
          }),
        },
      }),
    );
    for (const body of ['poison', 'next']) {
      await t.client.send(
        new SendMessageCommand({
          QueueUrl: url,
          MessageBody: body,
          MessageGroupId: 'g',
          MessageDeduplicationId: body,
        }),
      );
    }
    const first = await t.client.send(new ReceiveMessageCommand({ QueueUrl: url }));
    expect(first.Messages?.[0]?.Body).toBe('poison');
    t.clock.advance(1_000);
    const second = await t.client.send(new ReceiveMessageCommand({ QueueUrl: url }));
    expect(second.Messages?.[0]?.Body).toBe('next');
    expect((await t.sqs.receive('dead.fifo')).map((r) => r.message.body)).toEqual(['poison']);
  });
});
