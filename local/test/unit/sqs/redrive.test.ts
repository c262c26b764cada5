import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { useSqs } from './sqs-test-kit';

describe('local SQS redrive to a dead-letter queue', () => {
  const t = useSqs({ manualClock: true });

  it('moves a message received maxReceiveCount times to the dead-letter queue on the next receive', async () => {
    await t.client.send(new CreateQueueCommand({ QueueName: 'dlq' }));
    const { QueueUrl } = await t.client.send(
      new CreateQueueCommand({
        QueueName: 'src',
        Attributes: {
          VisibilityTimeout: '10',
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:dlq',
            maxReceiveCount: '2',
          }),
        },
      }),
    );
    const sent = await t.client.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: 'poison',
        MessageAttributes: { k: { DataType: 'String', StringValue: 'v' } },
      }),
    );
    const sentAt = t.clock.now();
    for (let receive = 1; receive <= 2; receive += 1) {
      const { Messages } = await t.client.send(new ReceiveMessageCommand({ QueueUrl }));
      expect(Messages).toHaveLength(1);
      t.clock.advance(10_000);
    }
    const third = await t.client.send(new ReceiveMessageCommand({ QueueUrl }));
    expect(third.Messages).toBeUndefined();
    expect(t.sqs.queue('src').counts().visible).toBe(0);

    const dlqUrl = t.sqs.queue('dlq').identity.url;
    const { Messages } = await t.client.send(
      new ReceiveMessageCommand({
        QueueUrl: dlqUrl,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
      }),
    );
    expect(Messages?.[0]).toMatchObject({
      MessageId: sent.MessageId,
      Body: 'poison',
      MD5OfMessageAttributes: sent.MD5OfMessageAttributes,
      Attributes: expect.objectContaining({
        SentTimestamp: String(sentAt),
        ApproximateReceiveCount: '1',
        DeadLetterQueueSourceArn: 'arn:aws:sqs:us-east-1:000000000000:src',
      }),
    });
  });

  it('refuses a dead-letter queue of the other type', async () => {
    await t.client.send(new CreateQueueCommand({ QueueName: 'dlq' }));
    await expect(
      t.client.send(
        new CreateQueueCommand({
          QueueName: 'src.fifo',
          Attributes: {
            FifoQueue: 'true',
            RedrivePolicy: JSON.stringify({
              deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:dlq',
              maxReceiveCount: 1,
            }),
          },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidAttributeValue' });
  });
});
