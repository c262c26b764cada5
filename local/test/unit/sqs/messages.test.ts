import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  MessageNotInflight,
  ReceiptHandleIsInvalid,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { md5OfMessageAttributes } from '../../../sqs/message-attributes';
import { useSqs } from './sqs-test-kit';

describe('local SQS messages through the AWS SDK', () => {
  const t = useSqs({ manualClock: true });
  let QueueUrl: string;
  beforeEach(async () => {
    ({ QueueUrl = '' } = await t.client.send(
      new CreateQueueCommand({ QueueName: 'work', Attributes: { VisibilityTimeout: '30' } }),
    ));
  });
  const receive = (input: Partial<ConstructorParameters<typeof ReceiveMessageCommand>[0]> = {}) =>
    t.client.send(new ReceiveMessageCommand({ QueueUrl, ...input })).then((output) => output.Messages ?? []);

  it('sends and receives a message with digests the SDK verifies', async () => {
    const body = 'Héllo! 😀 <&>';
    const sent = await t.client.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: body,
        MessageAttributes: {
          timestamp: { DataType: 'Number', StringValue: '1493147359900' },
          blob: { DataType: 'Binary', BinaryValue: Uint8Array.of(1, 2, 3) },
        },
      }),
    );
    expect(sent.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    const [message] = await receive({ MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'] });
    expect(message).toMatchObject({
      MessageId: sent.MessageId,
      Body: body,
      MD5OfBody: sent.MD5OfMessageBody,
    });
    expect(message?.MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
    expect(message?.MessageAttributes?.blob?.BinaryValue).toEqual(Uint8Array.of(1, 2, 3));
    expect(message?.MessageAttributes?.timestamp).toEqual({
      DataType: 'Number',
      StringValue: '1493147359900',
    });
    expect(message?.Attributes).toEqual({
      SenderId: '000000000000',
      SentTimestamp: String(t.clock.now()),
      ApproximateReceiveCount: '1',
      ApproximateFirstReceiveTimestamp: String(t.clock.now()),
    });
  });

  it('returns only the requested message attributes, with the digest of those', async () => {
    await t.client.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: 'b',
        MessageAttributes: {
          'trace.id': { DataType: 'String', StringValue: 't' },
          'trace.span': { DataType: 'String', StringValue: 's' },
          other: { DataType: 'String', StringValue: 'o' },
        },
      }),
    );
    const [message] = await receive({
      MessageAttributeNames: ['trace.*'],
      MessageSystemAttributeNames: ['SentTimestamp'],
    });
    expect(Object.keys(message?.MessageAttributes ?? {}).sort()).toEqual(['trace.id', 'trace.span']);
    expect(message?.MD5OfMessageAttributes).toBe(
      md5OfMessageAttributes({
        'trace.id': { DataType: 'String', StringValue: 't' },
        'trace.span': { DataType: 'String', StringValue: 's' },
      }),
    );
    expect(Object.keys(message?.Attributes ?? {})).toEqual(['SentTimestamp']);
    t.clock.advance(30_000);
    const [plain] = await receive();
    expect(plain?.MessageAttributes).toBeUndefined();
    expect(plain?.MD5OfMessageAttributes).toBeUndefined();
    expect(plain?.Attributes).toBeUndefined();
  });

  it('hides a received message for the visibility timeout, then redelivers it with a new receipt handle', async () => {
    await t.client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'job' }));
    const [first] = await receive({ MessageSystemAttributeNames: ['ApproximateReceiveCount'] });
    const firstReceivedAt = t.clock.now();
    expect(await receive()).toEqual([]);
    t.clock.advance(29_999);
    expect(await receive()).toEqual([]);
    t.clock.advance(1);
    // `AttributeNames` is the deprecated name of MessageSystemAttributeNames; still honoured.
    const [second] = await receive({ AttributeNames: ['All'] });
    expect(second?.MessageId).toBe(first?.MessageId);
    expect(second?.ReceiptHandle).not.toBe(first?.ReceiptHandle);
    expect(second?.Attributes?.ApproximateReceiveCount).toBe('2');
    expect(second?.Attributes?.ApproximateFirstReceiveTimestamp).toBe(String(firstReceivedAt));
  });

  it('honours a VisibilityTimeout given on receive and ChangeMessageVisibility', async () => {
    await t.client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'job' }));
    const [message] = await receive({ VisibilityTimeout: 5 });
    t.clock.advance(4_000);
    await t.client.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl,
        ReceiptHandle: message?.ReceiptHandle,
        VisibilityTimeout: 10,
      }),
    );
    t.clock.advance(9_000);
    expect(await receive()).toEqual([]);
    t.clock.advance(1_000);
    const [again] = await receive();
    await t.client.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl,
        ReceiptHandle: again?.ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );
    expect(await receive()).toHaveLength(1);
  });

  it('refuses to change the visibility of a message that is not in flight', async () => {
    await t.client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'job' }));
    const [message] = await receive({ VisibilityTimeout: 1 });
    t.clock.advance(1_000);
    await expect(
      t.client.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl,
          ReceiptHandle: message?.ReceiptHandle,
          VisibilityTimeout: 5,
        }),
      ),
    ).rejects.toBeInstanceOf(MessageNotInflight);
  });

  it('deletes by the latest receipt handle; an outdated one deletes nothing; a malformed one is refused', async () => {
    await t.client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'job' }));
    const [first] = await receive({ VisibilityTimeout: 0 });
    const [second] = await receive({ VisibilityTimeout: 0 });
    await t.client.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: first?.ReceiptHandle }));
    expect(t.sqs.queue('work').counts().visible).toBe(1);
    await t.client.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: second?.ReceiptHandle }));
    expect(t.sqs.queue('work').counts().visible).toBe(0);
    await t.client.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: second?.ReceiptHandle })); // idempotent
    await expect(
      t.client.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: 'not-a-handle' })),
    ).rejects.toBeInstanceOf(ReceiptHandleIsInvalid);
  });

  it('delays a message by DelaySeconds, or by the queue default', async () => {
    await t.client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'later', DelaySeconds: 10 }));
    expect(await receive()).toEqual([]);
    t.clock.advance(10_000);
    expect((await receive()).map((m) => m.Body)).toEqual(['later']);
    await t.client.send(new CreateQueueCommand({ QueueName: 'slow', Attributes: { DelaySeconds: '3' } }));
    const slow = t.sqs.queue('slow').identity.url;
    await t.client.send(new SendMessageCommand({ QueueUrl: slow, MessageBody: 'x' }));
    expect(await receive({ QueueUrl: slow })).toEqual([]);
    t.clock.advance(3_000);
    expect(await receive({ QueueUrl: slow })).toHaveLength(1);
  });

  it('drops messages older than the retention period', async () => {
    await t.client.send(
      new CreateQueueCommand({ QueueName: 'short', Attributes: { MessageRetentionPeriod: '60' } }),
    );
    const url = t.sqs.queue('short').identity.url;
    await t.client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }));
    t.clock.advance(59_999);
    expect(t.sqs.queue('short').counts().visible).toBe(1);
    t.clock.advance(1);
    expect(await receive({ QueueUrl: url })).toEqual([]);
  });

  it('receives up to MaxNumberOfMessages in send order and validates its range', async () => {
    for (let i = 0; i < 12; i += 1)
      await t.client.send(new SendMessageCommand({ QueueUrl, MessageBody: `m${i}` }));
    const batch = await receive({ MaxNumberOfMessages: 10 });
    expect(batch.map((m) => m.Body)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9']);
    await expect(receive({ MaxNumberOfMessages: 11 })).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
  });

  it('rejects bodies SQS rejects', async () => {
    await expect(
      t.client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'bad \u0000' })),
    ).rejects.toMatchObject({
      name: 'InvalidMessageContents',
    });
    await expect(t.client.send(new SendMessageCommand({ QueueUrl, MessageBody: '' }))).rejects.toMatchObject({
      name: 'MissingParameter',
    });
    await expect(
      t.client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x'.repeat(1_048_577) })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    await expect(
      t.client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageDeduplicationId: 'd' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });

  it('carries the AWSTraceHeader system attribute and its digest', async () => {
    const sent = await t.client.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: 'x',
        MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-abc' } },
      }),
    );
    expect(sent.MD5OfMessageSystemAttributes).toBe(
      md5OfMessageAttributes({ AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-abc' } }),
    );
    const [message] = await receive({ MessageSystemAttributeNames: ['AWSTraceHeader'] });
    expect(message?.Attributes).toEqual({ AWSTraceHeader: 'Root=1-abc' });
  });
});

describe('local SQS long polling', () => {
  const t = useSqs();

  it('answers as soon as a message arrives', async () => {
    const { QueueUrl } = await t.client.send(new CreateQueueCommand({ QueueName: 'poll' }));
    const started = Date.now();
    const polling = t.client.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
    setTimeout(() => t.sqs.send('poll', 'arrived'), 50);
    const { Messages } = await polling;
    expect(Messages?.map((m) => m.Body)).toEqual(['arrived']);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('answers when a delayed message becomes visible', async () => {
    const { QueueUrl } = await t.client.send(
      new CreateQueueCommand({ QueueName: 'poll', Attributes: { ReceiveMessageWaitTimeSeconds: '5' } }),
    );
    t.sqs.send('poll', 'soon', { delaySeconds: 1 });
    const { Messages } = await t.client.send(new ReceiveMessageCommand({ QueueUrl }));
    expect(Messages?.map((m) => m.Body)).toEqual(['soon']);
  });

  it('answers with no messages after the wait, and at once when the service closes', async () => {
    const { QueueUrl } = await t.client.send(new CreateQueueCommand({ QueueName: 'poll' }));
    const empty = await t.client.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }));
    expect(empty.Messages).toBeUndefined();
    const polling = t.client.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
    setTimeout(() => t.sqs.close(), 20);
    expect((await polling).Messages).toBeUndefined();
  });
});
