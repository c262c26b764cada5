import type { ResolvedResource } from '../../../model/resolved-resource';
import { LocalSqs } from '../../../sqs/local-sqs';
import { queuesFromResources } from '../../../sqs/queues-from-resources';

const queueResource = (
  logicalId: string,
  name: string,
  properties: Record<string, unknown>,
): ResolvedResource => ({
  stackName: 'Stack',
  logicalId,
  type: 'AWS::SQS::Queue',
  physicalId: `http://localhost:4566/000000000000/${name}`,
  attributes: {
    Arn: `arn:aws:sqs:us-east-1:000000000000:${name}`,
    QueueName: name,
    QueueUrl: `http://localhost:4566/000000000000/${name}`,
  },
  properties,
  metadata: {},
});

describe('queuesFromResources', () => {
  it('creates queues with their template settings, whatever order the dead-letter queue comes in', () => {
    const sqs = new LocalSqs();
    const { queues, warnings } = queuesFromResources(sqs, [
      queueResource('Orders', 'orders.fifo', {
        FifoQueue: true,
        ContentBasedDeduplication: true,
        VisibilityTimeout: 45,
        DelaySeconds: 2,
        ReceiveMessageWaitTimeSeconds: 20,
        MessageRetentionPeriod: 1_209_600,
        RedrivePolicy: {
          deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:orders-dlq.fifo',
          maxReceiveCount: 3,
        },
        SqsManagedSseEnabled: true,
      }),
      queueResource('OrdersDlq', 'orders-dlq.fifo', { FifoQueue: true, KmsMasterKeyId: 'alias/aws/sqs' }),
      { ...queueResource('Fn', 'fn', {}), type: 'AWS::Lambda::Function' },
    ]);
    expect(queues.map((queue) => queue.identity.url)).toEqual([
      'http://localhost:4566/000000000000/orders.fifo',
      'http://localhost:4566/000000000000/orders-dlq.fifo',
    ]);
    expect(sqs.queue('orders.fifo').settings).toMatchObject({
      fifo: true,
      contentBasedDeduplication: true,
      visibilityTimeout: 45,
      delaySeconds: 2,
      receiveMessageWaitTimeSeconds: 20,
      messageRetentionPeriod: 1_209_600,
      redrivePolicy: {
        deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:orders-dlq.fifo',
        maxReceiveCount: 3,
      },
    });
    expect(sqs.queue('arn:aws:sqs:us-east-1:000000000000:orders-dlq.fifo').attributes.KmsMasterKeyId).toBe(
      'alias/aws/sqs',
    );
    // One line for every encrypted queue, naming each.
    expect(warnings).toEqual([
      'server-side encryption of 2 queues is accepted but not enforced (messages are kept in memory, unencrypted): Stack/Orders, Stack/OrdersDlq.',
    ]);
  });

  it('reports a property it cannot honour', () => {
    const { warnings } = queuesFromResources(new LocalSqs(), [
      queueResource('Q', 'q', { Unheard: 1, Tags: [] }),
    ]);
    expect(warnings).toEqual([
      'Stack/Q: AWS::SQS::Queue property Unheard is not supported locally and is ignored.',
    ]);
  });

  it('sends in process to a queue by ARN or URL', async () => {
    const sqs = new LocalSqs();
    queuesFromResources(sqs, [queueResource('Q', 'q', {})]);
    sqs.send('arn:aws:sqs:us-east-1:000000000000:q', 'by arn', {
      messageAttributes: { correlationId: { DataType: 'String', StringValue: 'c-1' } },
    });
    sqs.send('http://localhost:4566/000000000000/q', 'by url');
    const received = await sqs.receive('q', { maxMessages: 10 });
    expect(received.map((r) => r.message.body)).toEqual(['by arn', 'by url']);
    expect(received[0]?.message.messageAttributes).toEqual({
      correlationId: { DataType: 'String', StringValue: 'c-1' },
    });
  });
});
