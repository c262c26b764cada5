import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTopicCommand, PublishCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { eventually, useSns } from './sns-test-kit';

/**
 * What each kind of subscriber receives, published with the SDK: SQS (the JSON envelope, or the raw
 * message with its attributes as SQS attributes), Lambda (the Records[].Sns event), HTTP/S (a POST with
 * SNS's headers, retried per the delivery policy), and the subscription's dead-letter queue.
 */
const h = useSns({ httpRetryDelayMs: 20 });
const ATTRIBUTES = {
  kind: { DataType: 'String', StringValue: 'order' },
  size: { DataType: 'Number', StringValue: '42' },
  tags: { DataType: 'String.Array', StringValue: '["a","b"]' },
};

async function topic(name = 't'): Promise<string> {
  return String((await h.snsClient.send(new CreateTopicCommand({ Name: name }))).TopicArn);
}

async function subscribe(
  topicArn: string,
  protocol: string,
  endpoint: string,
  attributes?: Record<string, string>,
) {
  const answer = await h.snsClient.send(
    new SubscribeCommand({
      TopicArn: topicArn,
      Protocol: protocol,
      Endpoint: endpoint,
      Attributes: attributes,
    }),
  );
  return String(answer.SubscriptionArn);
}

async function receiveOne(queueUrl: string, waitSeconds = 2) {
  const { Messages = [] } = await h.sqsClient.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      WaitTimeSeconds: waitSeconds,
      MessageAttributeNames: ['All'],
    }),
  );
  return Messages[0];
}

describe('delivery to an SQS queue', () => {
  it('is the JSON envelope with the attributes as { Type, Value }', async () => {
    const topicArn = await topic();
    const queue = h.sqs.createQueue('q').identity;
    const subscriptionArn = await subscribe(topicArn, 'sqs', queue.arn);
    const { MessageId } = await h.snsClient.send(
      new PublishCommand({
        TopicArn: topicArn,
        Message: 'hello',
        Subject: 'Greeting',
        MessageAttributes: ATTRIBUTES,
      }),
    );

    const received = await receiveOne(queue.url);
    const envelope = JSON.parse(String(received?.Body));
    expect(envelope).toEqual({
      Type: 'Notification',
      MessageId,
      TopicArn: topicArn,
      Subject: 'Greeting',
      Message: 'hello',
      Timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      SignatureVersion: '1',
      Signature: expect.any(String),
      SigningCertURL: expect.stringContaining(h.endpoint),
      UnsubscribeURL: `${h.endpoint}/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(subscriptionArn)}`,
      MessageAttributes: {
        kind: { Type: 'String', Value: 'order' },
        size: { Type: 'Number', Value: '42' },
        tags: { Type: 'String.Array', Value: '["a","b"]' },
      },
    });
    expect(received?.MessageAttributes).toBeUndefined();
    // The unsubscribe link works, as a subscriber following it expects.
    expect((await fetch(envelope.UnsubscribeURL)).status).toBe(200);
    expect(h.sns.subscriptionsOf()).toEqual([]);
  });

  it('is the message itself with raw delivery, its attributes SQS message attributes', async () => {
    const topicArn = await topic();
    const queue = h.sqs.createQueue('raw').identity;
    await subscribe(topicArn, 'sqs', queue.arn, { RawMessageDelivery: 'true' });
    await h.snsClient.send(
      new PublishCommand({ TopicArn: topicArn, Message: '{"a":1}', MessageAttributes: ATTRIBUTES }),
    );

    const received = await receiveOne(queue.url);
    expect(received?.Body).toBe('{"a":1}');
    expect(received?.MessageAttributes).toEqual({
      kind: { DataType: 'String', StringValue: 'order' },
      size: { DataType: 'Number', StringValue: '42' },
      // SNS hands a String.Array to SQS as a String.
      tags: { DataType: 'String', StringValue: '["a","b"]' },
    });
  });

  it("gets only what its filter policy lets through, and the per-protocol text of a 'json' message", async () => {
    const topicArn = await topic();
    const queue = h.sqs.createQueue('filtered').identity;
    await subscribe(topicArn, 'sqs', queue.arn, {
      RawMessageDelivery: 'true',
      FilterPolicyScope: 'MessageBody',
      FilterPolicy: '{"kind": ["wanted"]}',
    });
    await h.snsClient.send(new PublishCommand({ TopicArn: topicArn, Message: '{"kind":"other"}' }));
    await h.snsClient.send(
      new PublishCommand({
        TopicArn: topicArn,
        MessageStructure: 'json',
        Message: JSON.stringify({ default: '{"kind":"other"}', sqs: '{"kind":"wanted","for":"sqs"}' }),
      }),
    );
    expect((await receiveOne(queue.url))?.Body).toBe('{"kind":"wanted","for":"sqs"}');
    // Published first, so delivered (or filtered out) before the message just received.
    expect(await receiveOne(queue.url, 0)).toBeUndefined();
  });
});

describe('delivery to a Lambda function', () => {
  it('invokes it asynchronously with one Records[].Sns record', async () => {
    const topicArn = await topic();
    const fn = 'arn:aws:lambda:us-east-1:000000000000:function:consumer';
    const subscriptionArn = await subscribe(topicArn, 'lambda', fn);
    const { MessageId } = await h.snsClient.send(
      new PublishCommand({
        TopicArn: topicArn,
        Message: 'hello',
        MessageAttributes: { kind: ATTRIBUTES.kind },
      }),
    );

    const [invocation] = await eventually(() => (h.lambda.events.length > 0 ? h.lambda.events : undefined));
    expect(invocation).toEqual({
      functionArn: fn,
      event: {
        Records: [
          {
            EventSource: 'aws:sns',
            EventVersion: '1.0',
            EventSubscriptionArn: subscriptionArn,
            Sns: {
              Type: 'Notification',
              MessageId,
              TopicArn: topicArn,
              Subject: null,
              Message: 'hello',
              Timestamp: expect.any(String),
              SignatureVersion: '1',
              Signature: expect.any(String),
              SigningCertUrl: expect.any(String),
              UnsubscribeUrl: expect.any(String),
              MessageAttributes: { kind: { Type: 'String', Value: 'order' } },
            },
          },
        ],
      },
    });
  });

  it('sends what it cannot deliver to the RedrivePolicy dead-letter queue', async () => {
    const topicArn = await topic();
    const fn = 'arn:aws:lambda:us-east-1:000000000000:function:gone';
    h.lambda.missing.add(fn);
    const dlq = h.sqs.createQueue('dlq').identity;
    await subscribe(topicArn, 'lambda', fn, {
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn }),
    });
    const { MessageId } = await h.snsClient.send(
      new PublishCommand({ TopicArn: topicArn, Message: 'lost?' }),
    );

    const body = JSON.parse(String((await receiveOne(dlq.url))?.Body));
    expect(body).toMatchObject({ Type: 'Notification', MessageId, Message: 'lost?' });
  });
});

describe('delivery to an HTTP endpoint', () => {
  let server: Server;
  let url: string;
  const requests: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
  let failuresToServe = 0;

  beforeEach(async () => {
    requests.length = 0;
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        requests.push({ headers: req.headers, body });
        res.writeHead(failuresToServe-- > 0 ? 500 : 200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("POSTs the envelope with SNS's headers, retrying a failed attempt", async () => {
    failuresToServe = 1;
    const topicArn = await topic();
    const subscriptionArn = await subscribe(topicArn, 'http', url);
    const { MessageId } = await h.snsClient.send(
      new PublishCommand({ TopicArn: topicArn, Message: 'hello' }),
    );

    await eventually(() => (requests.length === 2 ? true : undefined));
    expect(requests[1]?.headers).toMatchObject({
      'content-type': 'text/plain; charset=UTF-8',
      'x-amz-sns-message-type': 'Notification',
      'x-amz-sns-message-id': MessageId,
      'x-amz-sns-topic-arn': topicArn,
      'x-amz-sns-subscription-arn': subscriptionArn,
    });
    expect(JSON.parse(String(requests[1]?.body))).toMatchObject({
      Type: 'Notification',
      MessageId,
      Message: 'hello',
    });
  });

  it('gives up after the 3 retries of the default delivery policy, into the dead-letter queue', async () => {
    failuresToServe = 10;
    const topicArn = await topic();
    const dlq = h.sqs.createQueue('http-dlq').identity;
    await subscribe(topicArn, 'http', url, {
      RawMessageDelivery: 'true',
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn }),
    });
    await h.snsClient.send(new PublishCommand({ TopicArn: topicArn, Message: 'never' }));

    // The dead-letter queue gets the JSON notification, raw delivery or not.
    expect(JSON.parse(String((await receiveOne(dlq.url))?.Body))).toMatchObject({ Message: 'never' });
    expect(requests).toHaveLength(4);
    expect(requests[0]?.headers['x-amz-sns-rawdelivery']).toBe('true');
  });

  it('loses a message with no dead-letter queue, saying so', async () => {
    failuresToServe = 10;
    const topicArn = await topic();
    await subscribe(topicArn, 'http', url);
    await h.snsClient.send(new PublishCommand({ TopicArn: topicArn, Message: 'lost' }));
    const [warning] = await eventually(() => (h.warnings.length > 0 ? h.warnings : undefined));
    expect(warning).toMatch(/answered HTTP 500\); no dead-letter queue, message .* lost$/);
  });
});
