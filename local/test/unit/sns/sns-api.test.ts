import {
  CreateTopicCommand,
  DeleteTopicCommand,
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListSubscriptionsCommand,
  ListTopicsCommand,
  PublishBatchCommand,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { useSns } from './sns-test-kit';

/** SNS's API on the local endpoint, through the unchanged SDK v3 client (the query protocol). */
const h = useSns();

const createTopic = async (name: string, attributes?: Record<string, string>) =>
  String((await h.snsClient.send(new CreateTopicCommand({ Name: name, Attributes: attributes }))).TopicArn);

async function queueSubscription(topicArn: string, name: string, attributes?: Record<string, string>) {
  const queue = h.sqs.createQueue(name, name.endsWith('.fifo') ? { FifoQueue: 'true' } : {});
  const { SubscriptionArn } = await h.snsClient.send(
    new SubscribeCommand({
      TopicArn: topicArn,
      Protocol: 'sqs',
      Endpoint: queue.identity.arn,
      Attributes: attributes,
    }),
  );
  return { queueUrl: queue.identity.url, subscriptionArn: String(SubscriptionArn) };
}

async function receive(queueUrl: string, max = 10) {
  const { Messages = [] } = await h.sqsClient.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: max,
      WaitTimeSeconds: 1,
      MessageAttributeNames: ['All'],
    }),
  );
  return Messages;
}

describe('the SNS API', () => {
  it('creates topics idempotently, lists and describes them, deletes them with their subscriptions', async () => {
    const arn = await createTopic('orders', { DisplayName: 'Orders' });
    expect(arn).toBe('arn:aws:sns:us-east-1:000000000000:orders');
    expect(await createTopic('orders')).toBe(arn);
    const fifo = await createTopic('orders.fifo', { FifoTopic: 'true', ContentBasedDeduplication: 'true' });
    await queueSubscription(arn, 'q');

    const { Topics } = await h.snsClient.send(new ListTopicsCommand({}));
    expect(Topics).toEqual([{ TopicArn: arn }, { TopicArn: fifo }]);
    const { Attributes } = await h.snsClient.send(new GetTopicAttributesCommand({ TopicArn: arn }));
    expect(Attributes).toMatchObject({
      TopicArn: arn,
      Owner: '000000000000',
      DisplayName: 'Orders',
      SubscriptionsConfirmed: '1',
    });
    const fifoAttributes = await h.snsClient.send(new GetTopicAttributesCommand({ TopicArn: fifo }));
    expect(fifoAttributes.Attributes).toMatchObject({ FifoTopic: 'true', ContentBasedDeduplication: 'true' });

    await h.snsClient.send(new DeleteTopicCommand({ TopicArn: arn }));
    await h.snsClient.send(new DeleteTopicCommand({ TopicArn: arn })); // idempotent
    expect((await h.snsClient.send(new ListTopicsCommand({}))).Topics).toEqual([{ TopicArn: fifo }]);
    expect((await h.snsClient.send(new ListSubscriptionsCommand({}))).Subscriptions).toEqual([]);
  });

  it("answers with SNS's error codes, which the SDK maps to its exceptions", async () => {
    const missing = 'arn:aws:sns:us-east-1:000000000000:missing';
    await expect(
      h.snsClient.send(new GetTopicAttributesCommand({ TopicArn: missing })),
    ).rejects.toMatchObject({
      name: 'NotFoundException',
      message: 'Topic does not exist',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(
      h.snsClient.send(new PublishCommand({ TopicArn: missing, Message: 'x' })),
    ).rejects.toMatchObject({
      name: 'NotFoundException',
    });
    await expect(h.snsClient.send(new CreateTopicCommand({ Name: 'bad name' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: Topic Name',
    });
    await expect(
      h.snsClient.send(new CreateTopicCommand({ Name: 'plain', Attributes: { FifoTopic: 'true' } })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    const topic = await createTopic('t');
    await expect(
      h.snsClient.send(new PublishCommand({ TopicArn: topic, Message: '' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: Empty message',
    });
    await expect(
      h.snsClient.send(
        new SubscribeCommand({
          TopicArn: topic,
          Protocol: 'sqs',
          Endpoint: 'arn:aws:sqs:us-east-1:000000000000:q',
          Attributes: { FilterPolicy: '{"a": {"b": ["c"]}}' },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(
      h.snsClient.send(
        new SubscribeCommand({ TopicArn: topic, Protocol: 'sqs', Endpoint: 'https://example.com/' }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: its endpoint https://example.com/ is not a sqs endpoint',
    });
  });

  it('subscribes, describes, changes and lists subscriptions', async () => {
    const topic = await createTopic('t');
    const { subscriptionArn } = await queueSubscription(topic, 'q', { RawMessageDelivery: 'true' });
    const again = await queueSubscription(topic, 'q');
    expect(again.subscriptionArn).toBe(subscriptionArn);

    await h.snsClient.send(
      new SetSubscriptionAttributesCommand({
        SubscriptionArn: subscriptionArn,
        AttributeName: 'FilterPolicy',
        AttributeValue: '{"kind": ["wanted"]}',
      }),
    );
    const { Attributes } = await h.snsClient.send(
      new GetSubscriptionAttributesCommand({ SubscriptionArn: subscriptionArn }),
    );
    expect(Attributes).toMatchObject({
      SubscriptionArn: subscriptionArn,
      TopicArn: topic,
      Protocol: 'sqs',
      Endpoint: 'arn:aws:sqs:us-east-1:000000000000:q',
      PendingConfirmation: 'false',
      RawMessageDelivery: 'true',
      FilterPolicy: '{"kind": ["wanted"]}',
      FilterPolicyScope: 'MessageAttributes',
    });
    const listed = {
      SubscriptionArn: subscriptionArn,
      Owner: '000000000000',
      Protocol: 'sqs',
      Endpoint: 'arn:aws:sqs:us-east-1:000000000000:q',
      TopicArn: topic,
    };
    expect((await h.snsClient.send(new ListSubscriptionsCommand({}))).Subscriptions).toEqual([listed]);
    const byTopic = await h.snsClient.send(new ListSubscriptionsByTopicCommand({ TopicArn: topic }));
    expect(byTopic.Subscriptions).toEqual([listed]);

    await h.snsClient.send(new UnsubscribeCommand({ SubscriptionArn: subscriptionArn }));
    expect((await h.snsClient.send(new ListSubscriptionsCommand({}))).Subscriptions).toEqual([]);
  });

  it('publishes in batches: each entry succeeds or fails on its own', async () => {
    const topic = await createTopic('t');
    const { queueUrl } = await queueSubscription(topic, 'q', { RawMessageDelivery: 'true' });
    const answer = await h.snsClient.send(
      new PublishBatchCommand({
        TopicArn: topic,
        PublishBatchRequestEntries: [
          { Id: 'one', Message: 'first' },
          { Id: 'empty', Message: '' },
          {
            Id: 'two',
            Message: 'second',
            MessageAttributes: { n: { DataType: 'Number', StringValue: '2' } },
          },
        ],
      }),
    );
    expect(answer.Successful?.map((entry) => entry.Id)).toEqual(['one', 'two']);
    expect(answer.Successful?.every((entry) => typeof entry.MessageId === 'string')).toBe(true);
    expect(answer.Failed).toEqual([
      {
        Id: 'empty',
        Code: 'InvalidParameter',
        Message: 'Invalid parameter: Empty message',
        SenderFault: true,
      },
    ]);
    const messages = await receive(queueUrl);
    expect(messages.map((m) => m.Body).sort()).toEqual(['first', 'second']);
    await expect(
      h.snsClient.send(
        new PublishBatchCommand({
          TopicArn: topic,
          PublishBatchRequestEntries: [
            { Id: 'a', Message: 'x' },
            { Id: 'a', Message: 'y' },
          ],
        }),
      ),
    ).rejects.toMatchObject({ name: 'BatchEntryIdsNotDistinctException' });
  });

  it('FIFO topics want a group id, de-duplicate by id or content for five minutes, number the messages', async () => {
    const byId = await createTopic('by-id.fifo', { FifoTopic: 'true' });
    await expect(
      h.snsClient.send(new PublishCommand({ TopicArn: byId, Message: 'x' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(
      h.snsClient.send(new PublishCommand({ TopicArn: byId, Message: 'x', MessageGroupId: 'g' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });

    const topic = await createTopic('content.fifo', { FifoTopic: 'true', ContentBasedDeduplication: 'true' });
    const { queueUrl } = await queueSubscription(topic, 'q.fifo', { RawMessageDelivery: 'true' });
    const publish = (message: string) =>
      h.snsClient.send(new PublishCommand({ TopicArn: topic, Message: message, MessageGroupId: 'g' }));
    const first = await publish('one');
    const duplicate = await publish('one');
    const second = await publish('two');
    expect(duplicate.MessageId).toBe(first.MessageId);
    expect(first.SequenceNumber).toMatch(/^\d{20}$/);
    expect(BigInt(String(second.SequenceNumber))).toBeGreaterThan(BigInt(String(first.SequenceNumber)));
    const messages = await receive(queueUrl);
    expect(messages.map((m) => m.Body)).toEqual(['one', 'two']);
  });

  it('FIFO topics de-duplicate across the topic, or per group with FifoThroughputScope MessageGroup', async () => {
    const publishTo = (topicArn: string, group: string) =>
      h.snsClient.send(
        new PublishCommand({
          TopicArn: topicArn,
          Message: 'm',
          MessageGroupId: group,
          MessageDeduplicationId: 'd',
        }),
      );
    const topic = await createTopic('topic-scope.fifo', { FifoTopic: 'true' });
    const first = await publishTo(topic, 'a');
    expect((await publishTo(topic, 'b')).MessageId).toBe(first.MessageId);

    const perGroup = await createTopic('group-scope.fifo', {
      FifoTopic: 'true',
      FifoThroughputScope: 'MessageGroup',
    });
    const inA = await publishTo(perGroup, 'a');
    expect((await publishTo(perGroup, 'b')).MessageId).not.toBe(inA.MessageId);
    expect((await publishTo(perGroup, 'a')).MessageId).toBe(inA.MessageId);
  });

  it('FIFO topics deliver to standard queues too, without the group and de-duplication ids', async () => {
    const topic = await createTopic('to-standard.fifo', {
      FifoTopic: 'true',
      ContentBasedDeduplication: 'true',
    });
    const standard = await queueSubscription(topic, 'standard', { RawMessageDelivery: 'true' });
    const fifo = await queueSubscription(topic, 'ordered.fifo', { RawMessageDelivery: 'true' });
    await h.snsClient.send(new PublishCommand({ TopicArn: topic, Message: 'both', MessageGroupId: 'g' }));

    const [toStandard] = await receive(standard.queueUrl);
    expect(toStandard?.Body).toBe('both');
    const { Messages = [] } = await h.sqsClient.send(
      new ReceiveMessageCommand({
        QueueUrl: fifo.queueUrl,
        WaitTimeSeconds: 1,
        MessageSystemAttributeNames: ['MessageGroupId'],
      }),
    );
    expect(Messages.map((m) => [m.Body, m.Attributes?.MessageGroupId])).toEqual([['both', 'g']]);
  });
});
