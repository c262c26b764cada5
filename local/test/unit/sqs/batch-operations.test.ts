import {
  BatchEntryIdsNotDistinct,
  BatchRequestTooLong,
  ChangeMessageVisibilityBatchCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  EmptyBatchRequest,
  InvalidBatchEntryId,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  TooManyEntriesInBatchRequest,
} from '@aws-sdk/client-sqs';
import { useSqs } from './sqs-test-kit';

describe('local SQS batch operations through the AWS SDK', () => {
  const t = useSqs({ manualClock: true });
  let QueueUrl: string;
  beforeEach(async () => {
    ({ QueueUrl = '' } = await t.client.send(new CreateQueueCommand({ QueueName: 'batch' })));
  });

  it('sends a batch with partial failures: the valid entries are sent, the others reported', async () => {
    const result = await t.client.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: [
          {
            Id: 'ok-1',
            MessageBody: 'one',
            MessageAttributes: { n: { DataType: 'Number', StringValue: '1' } },
          },
          { Id: 'bad-body', MessageBody: 'nul \u0000' },
          {
            Id: 'bad-attribute',
            MessageBody: 'x',
            MessageAttributes: { n: { DataType: 'Number', StringValue: 'NaN?' } },
          },
          { Id: 'ok-2', MessageBody: 'two', DelaySeconds: 0 },
        ],
      }),
    );
    expect(result.Successful?.map((entry) => entry.Id)).toEqual(['ok-1', 'ok-2']);
    expect(result.Successful?.[0]?.MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
    expect(result.Failed).toEqual([
      expect.objectContaining({ Id: 'bad-body', SenderFault: true, Code: 'InvalidMessageContents' }),
      expect.objectContaining({ Id: 'bad-attribute', SenderFault: true, Code: 'InvalidParameterValue' }),
    ]);
    const { Messages } = await t.client.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }),
    );
    expect(Messages?.map((m) => m.Body)).toEqual(['one', 'two']);
  });

  it.each([
    ['empty', [], EmptyBatchRequest],
    [
      'eleven entries',
      Array.from({ length: 11 }, (_, i) => ({ Id: `e${i}`, MessageBody: 'x' })),
      TooManyEntriesInBatchRequest,
    ],
    [
      'repeated ids',
      [
        { Id: 'a', MessageBody: 'x' },
        { Id: 'a', MessageBody: 'y' },
      ],
      BatchEntryIdsNotDistinct,
    ],
    ['an invalid id', [{ Id: 'no spaces', MessageBody: 'x' }], InvalidBatchEntryId],
    [
      'too many bytes',
      [
        { Id: 'a', MessageBody: 'x'.repeat(600_000) },
        { Id: 'b', MessageBody: 'y'.repeat(600_000) },
      ],
      BatchRequestTooLong,
    ],
  ])('fails the whole request for %s', async (_, Entries, exception) => {
    await expect(t.client.send(new SendMessageBatchCommand({ QueueUrl, Entries }))).rejects.toBeInstanceOf(
      exception,
    );
  });

  it('deletes and changes visibility in batches, reporting bad handles per entry', async () => {
    await t.client.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: ['a', 'b', 'c'].map((body) => ({ Id: body, MessageBody: body })),
      }),
    );
    const { Messages = [] } = await t.client.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 3 }),
    );
    const [a, b, c] = Messages;
    const deleted = await t.client.send(
      new DeleteMessageBatchCommand({
        QueueUrl,
        Entries: [
          { Id: 'a', ReceiptHandle: a?.ReceiptHandle },
          { Id: 'junk', ReceiptHandle: 'junk' },
        ],
      }),
    );
    expect(deleted.Successful).toEqual([{ Id: 'a' }]);
    expect(deleted.Failed).toEqual([
      expect.objectContaining({ Id: 'junk', Code: 'ReceiptHandleIsInvalid', SenderFault: true }),
    ]);

    const changed = await t.client.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl,
        Entries: [
          { Id: 'b', ReceiptHandle: b?.ReceiptHandle, VisibilityTimeout: 0 },
          { Id: 'a', ReceiptHandle: a?.ReceiptHandle, VisibilityTimeout: 0 },
        ],
      }),
    );
    expect(changed.Successful).toEqual([{ Id: 'b' }]);
    expect(changed.Failed).toEqual([expect.objectContaining({ Id: 'a', Code: 'MessageNotInflight' })]);
    const again = await t.client.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    expect(again.Messages?.map((m) => m.Body)).toEqual(['b']);
    expect(c).toBeDefined();
  });
});
