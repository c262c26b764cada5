import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListDeadLetterSourceQueuesCommand,
  ListQueuesCommand,
  PurgeQueueCommand,
  PurgeQueueInProgress,
  QueueDoesNotExist,
  QueueNameExists,
  ReceiveMessageCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
} from '@aws-sdk/client-sqs';
import { useSqs } from './sqs-test-kit';

describe('local SQS queue operations through the AWS SDK', () => {
  const t = useSqs({ manualClock: true });

  it('creates a queue idempotently and finds its URL by name', async () => {
    const { QueueUrl } = await t.client.send(new CreateQueueCommand({ QueueName: 'orders' }));
    expect(QueueUrl).toBe('http://localhost:4566/000000000000/orders');
    const again = await t.client.send(new CreateQueueCommand({ QueueName: 'orders' }));
    expect(again.QueueUrl).toBe(QueueUrl);
    const found = await t.client.send(new GetQueueUrlCommand({ QueueName: 'orders' }));
    expect(found.QueueUrl).toBe(QueueUrl);
  });

  it('refuses to recreate a queue with different attributes', async () => {
    await t.client.send(
      new CreateQueueCommand({ QueueName: 'orders', Attributes: { VisibilityTimeout: '5' } }),
    );
    await expect(
      t.client.send(new CreateQueueCommand({ QueueName: 'orders', Attributes: { VisibilityTimeout: '6' } })),
    ).rejects.toBeInstanceOf(QueueNameExists);
  });

  it('maps an unknown queue to the SDK exception QueueDoesNotExist, with the legacy query code', async () => {
    const error = await t.client.send(new GetQueueUrlCommand({ QueueName: 'nope' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueueDoesNotExist);
    expect((error as QueueDoesNotExist).$metadata.httpStatusCode).toBe(400);
    expect((error as { Code?: string }).Code).toBe('AWS.SimpleQueueService.NonExistentQueue');
  });

  it('accepts a queue URL with any host and matches by account and name', async () => {
    await t.client.send(new CreateQueueCommand({ QueueName: 'orders' }));
    await t.client.send(
      new SendMessageCommand({
        QueueUrl: 'https://sqs.us-east-1.amazonaws.com/000000000000/orders',
        MessageBody: 'x',
      }),
    );
    const other = t.sqs.queue('http://127.0.0.1:9999/000000000000/orders');
    expect(other.counts().visible).toBe(1);
    await expect(
      t.client.send(
        new SendMessageCommand({ QueueUrl: 'http://localhost:4566/111111111111/orders', MessageBody: 'x' }),
      ),
    ).rejects.toBeInstanceOf(QueueDoesNotExist);
  });

  it('validates queue names and the FIFO suffix', async () => {
    await expect(t.client.send(new CreateQueueCommand({ QueueName: 'bad name' }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
    await expect(t.client.send(new CreateQueueCommand({ QueueName: 'jobs.fifo' }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
    await expect(
      t.client.send(new CreateQueueCommand({ QueueName: 'jobs', Attributes: { FifoQueue: 'true' } })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });

  it('lists queues by prefix and pages with MaxResults', async () => {
    for (const name of ['a-1', 'a-2', 'a-3', 'b-1'])
      await t.client.send(new CreateQueueCommand({ QueueName: name }));
    const prefixed = await t.client.send(new ListQueuesCommand({ QueueNamePrefix: 'a-' }));
    expect(prefixed.QueueUrls?.map((url) => url.split('/').pop())).toEqual(['a-1', 'a-2', 'a-3']);
    const first = await t.client.send(new ListQueuesCommand({ MaxResults: 2 }));
    expect(first.QueueUrls).toHaveLength(2);
    const second = await t.client.send(new ListQueuesCommand({ MaxResults: 2, NextToken: first.NextToken }));
    expect(second.QueueUrls?.map((url) => url.split('/').pop())).toEqual(['a-3', 'b-1']);
    expect(second.NextToken).toBeUndefined();
    const none = await t.client.send(new ListQueuesCommand({ QueueNamePrefix: 'zzz' }));
    expect(none.QueueUrls).toBeUndefined();
  });

  it('deletes a queue', async () => {
    const { QueueUrl } = await t.client.send(new CreateQueueCommand({ QueueName: 'gone' }));
    await t.client.send(new DeleteQueueCommand({ QueueUrl }));
    await expect(t.client.send(new GetQueueUrlCommand({ QueueName: 'gone' }))).rejects.toBeInstanceOf(
      QueueDoesNotExist,
    );
  });

  it('reports defaults, set attributes, counts and timestamps', async () => {
    const { QueueUrl } = await t.client.send(
      new CreateQueueCommand({ QueueName: 'q', Attributes: { VisibilityTimeout: '7', DelaySeconds: '0' } }),
    );
    await t.client.send(
      new SetQueueAttributesCommand({ QueueUrl, Attributes: { MessageRetentionPeriod: '600' } }),
    );
    await t.client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'visible' }));
    await t.client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'delayed', DelaySeconds: 5 }));
    await t.client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'taken' }));
    await t.client.send(new ReceiveMessageCommand({ QueueUrl }));
    const { Attributes } = await t.client.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }),
    );
    expect(Attributes).toMatchObject({
      QueueArn: 'arn:aws:sqs:us-east-1:000000000000:q',
      VisibilityTimeout: '7',
      MessageRetentionPeriod: '600',
      MaximumMessageSize: '1048576',
      ReceiveMessageWaitTimeSeconds: '0',
      ApproximateNumberOfMessages: '1',
      ApproximateNumberOfMessagesNotVisible: '1',
      ApproximateNumberOfMessagesDelayed: '1',
      CreatedTimestamp: String(Math.floor(t.clock.now() / 1000)),
    });
    const one = await t.client.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    expect(one.Attributes).toEqual({ QueueArn: 'arn:aws:sqs:us-east-1:000000000000:q' });
  });

  it('rejects unknown attribute names and out-of-range values', async () => {
    const { QueueUrl } = await t.client.send(new CreateQueueCommand({ QueueName: 'q' }));
    await expect(
      t.client.send(
        new SetQueueAttributesCommand({ QueueUrl, Attributes: { Nope: '1' } as Record<string, string> }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidAttributeName' });
    await expect(
      t.client.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { VisibilityTimeout: '43201' } })),
    ).rejects.toMatchObject({ name: 'InvalidAttributeValue' });
    await expect(
      t.client.send(
        new SetQueueAttributesCommand({
          QueueUrl,
          Attributes: {
            RedrivePolicy:
              '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:none","maxReceiveCount":2}',
          },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidAttributeValue' });
  });

  it('purges every message, at most once a minute', async () => {
    const { QueueUrl } = await t.client.send(new CreateQueueCommand({ QueueName: 'q' }));
    await t.client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'a' }));
    await t.client.send(new PurgeQueueCommand({ QueueUrl }));
    expect(t.sqs.queue('q').counts()).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    await expect(t.client.send(new PurgeQueueCommand({ QueueUrl }))).rejects.toBeInstanceOf(
      PurgeQueueInProgress,
    );
    t.clock.advance(60_000);
    await t.client.send(new PurgeQueueCommand({ QueueUrl }));
  });

  it('lists the source queues of a dead-letter queue', async () => {
    await t.client.send(new CreateQueueCommand({ QueueName: 'dlq' }));
    const policy = JSON.stringify({
      deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:dlq',
      maxReceiveCount: 3,
    });
    const { QueueUrl } = await t.client.send(
      new CreateQueueCommand({ QueueName: 'src', Attributes: { RedrivePolicy: policy } }),
    );
    const dlqUrl = t.sqs.queue('dlq').identity.url;
    const { queueUrls } = await t.client.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlqUrl }));
    expect(queueUrls).toEqual([QueueUrl]);
  });

  it('answers an unknown operation with UnknownOperationException', async () => {
    await expect(t.sqs.handle('TagQueue', {})).rejects.toMatchObject({ code: 'UnknownOperationException' });
  });
});
