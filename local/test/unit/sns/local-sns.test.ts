import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { entries, members, parseQuery, queryResponse, xmlElement } from '../../../endpoint/query-protocol';
import type { LambdaService } from '../../../lambda/types';
import type { ResolvedResource } from '../../../model/resolved-resource';
import { LocalSns } from '../../../sns';
import { buildSnsModel } from '../../../sns/model';

const TOPIC = 'arn:aws:sns:us-east-1:000000000000:t';
const FIFO = 'arn:aws:sns:us-east-1:000000000000:t.fifo';
const QUEUE = 'arn:aws:sqs:us-east-1:000000000000:q';
const DLQ = 'arn:aws:sqs:us-east-1:000000000000:dlq';

const resource = (
  logicalId: string,
  type: string,
  physicalId: string,
  properties: Record<string, unknown>,
): ResolvedResource => ({
  stackName: 'S',
  logicalId,
  type,
  physicalId,
  attributes: {},
  properties,
  metadata: {},
});

/** A LocalSns whose queues and functions only record what they get (the adapter's own unit tests). */
function snsWith(
  subscriptions: Array<Record<string, unknown>>,
  options: { failQueues?: string[]; httpRetryDelayMs?: number } = {},
) {
  const sent: Array<{ queue: string; body: string; options: unknown }> = [];
  const invoked: Array<{ fn: string; event: unknown }> = [];
  const warnings: string[] = [];
  const lambda: LambdaService = {
    invoke: () => Promise.reject(new Error('SNS invokes asynchronously')),
    invokeAsync: async (fn, event) => void invoked.push({ fn, event }),
  };
  const model = buildSnsModel([
    resource('Topic', 'AWS::SNS::Topic', TOPIC, {}),
    resource('Fifo', 'AWS::SNS::Topic', FIFO, { FifoTopic: true, ContentBasedDeduplication: true }),
    ...subscriptions.map((properties, index) =>
      resource(`Sub${index}`, 'AWS::SNS::Subscription', `${TOPIC}:sub-${index}`, {
        TopicArn: TOPIC,
        ...properties,
      }),
    ),
  ]);
  const sns = new LocalSns({
    model,
    accountId: '000000000000',
    links: { endpoint: 'http://127.0.0.1:4566', region: 'us-east-1' },
    targets: {
      lambda,
      sendToQueue: (queue, body, sendOptions) => {
        if (options.failQueues?.includes(queue)) throw new Error(`no queue ${queue}`);
        sent.push({ queue, body, options: sendOptions });
      },
    },
    onWarning: (line) => warnings.push(line),
    ...(options.httpRetryDelayMs === undefined ? {} : { httpRetryDelayMs: options.httpRetryDelayMs }),
  });
  return { sns, sent, invoked, warnings, model };
}

describe('SNS filter policies', () => {
  const attribute = (DataType: string, StringValue: string) => ({ DataType, StringValue });

  it('match message attributes by their type: numbers as numbers, String.Array by any member', async () => {
    const { sns, sent } = snsWith([
      {
        Protocol: 'sqs',
        Endpoint: QUEUE,
        RawMessageDelivery: true,
        FilterPolicy: { price: [{ numeric: ['>=', 100] }], colour: ['red'], store: [{ exists: false }] },
      },
    ]);
    const publish = (
      Message: string,
      attributes: Record<string, { DataType: string; StringValue: string }>,
    ) => sns.publish(TOPIC, { Message, MessageAttributes: attributes });
    publish('cheap', {
      price: attribute('Number', '99.5'),
      colour: attribute('String.Array', '["red","blue"]'),
    });
    publish('dear red', {
      price: attribute('Number', '1e2'),
      colour: attribute('String.Array', '["blue","red"]'),
    });
    publish('dear blue', { price: attribute('Number', '150'), colour: attribute('String', 'blue') });
    publish('in a store', {
      price: attribute('Number', '150'),
      colour: attribute('String', 'red'),
      store: attribute('String', 'x'),
    });
    await sns.drain();
    expect(sent.map((m) => m.body)).toEqual(['dear red']);
  });

  it('match the message body on the MessageBody scope, nested, and never a body that is not JSON', async () => {
    const { sns, sent } = snsWith([
      {
        Protocol: 'sqs',
        Endpoint: QUEUE,
        RawMessageDelivery: 'true',
        FilterPolicyScope: 'MessageBody',
        FilterPolicy: JSON.stringify({
          order: { total: [{ numeric: ['>', 10] }], region: [{ prefix: 'eu-' }] },
        }),
      },
    ]);
    for (const body of [
      '{"order":{"total":11,"region":"eu-west-1"}}',
      '{"order":{"total":9,"region":"eu-west-1"}}',
      '{"order":{"total":11,"region":"us-east-1"}}',
      'order total 11 eu-west-1',
    ])
      sns.publish(TOPIC, { Message: body });
    await sns.drain();
    expect(sent.map((m) => m.body)).toEqual(['{"order":{"total":11,"region":"eu-west-1"}}']);
  });
});

describe('publishing', () => {
  it('refuses what SNS refuses: an empty message, a structure without default, a bad attribute type', () => {
    const { sns } = snsWith([]);
    expect(() => sns.publish(TOPIC, { Message: '' })).toThrow(/Empty message/);
    expect(() => sns.publish(TOPIC, { Message: '{"sqs":"x"}', MessageStructure: 'json' })).toThrow(
      /No default entry/,
    );
    expect(() =>
      sns.publish(TOPIC, { Message: 'x', MessageAttributes: { a: { DataType: 'Text', StringValue: 'v' } } }),
    ).toThrow(/invalid message attribute type/);
    expect(() => sns.publish('arn:aws:sns:us-east-1:000000000000:none', { Message: 'x' })).toThrow(
      'Topic does not exist',
    );
  });

  it('on a FIFO topic: needs a group, numbers messages, and drops a duplicate within five minutes', () => {
    const { sns } = snsWith([]);
    expect(() => sns.publish(FIFO, { Message: 'x' })).toThrow(/MessageGroupId/);
    const first = sns.publish(FIFO, { Message: 'same', MessageGroupId: 'g' }, new Date(0));
    const again = sns.publish(FIFO, { Message: 'same', MessageGroupId: 'g' }, new Date(60_000));
    const later = sns.publish(FIFO, { Message: 'same', MessageGroupId: 'g' }, new Date(6 * 60_000));
    expect(again).toEqual(first);
    expect(later.messageId).not.toBe(first.messageId);
    expect(BigInt(later.sequenceNumber ?? '0')).toBeGreaterThan(BigInt(first.sequenceNumber ?? '0'));
  });

  it('sends a message it cannot deliver to the subscription dead-letter queue, or says it is lost', async () => {
    const { sns, sent, warnings } = snsWith(
      [
        {
          Protocol: 'sqs',
          Endpoint: 'arn:aws:sqs:us-east-1:000000000000:gone',
          RedrivePolicy: { deadLetterTargetArn: DLQ },
        },
        { Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:000000000000:gone-too' },
      ],
      {
        failQueues: [
          'arn:aws:sqs:us-east-1:000000000000:gone',
          'arn:aws:sqs:us-east-1:000000000000:gone-too',
        ],
      },
    );
    const { messageId } = sns.publish(TOPIC, { Message: 'undeliverable' });
    await sns.drain();
    expect(sent.map((m) => [m.queue, (JSON.parse(m.body) as { MessageId: string }).MessageId])).toEqual([
      [DLQ, messageId],
    ]);
    expect(warnings).toEqual([
      expect.stringMatching(/gone-too: failed \(no queue .*\); no dead-letter queue, message .* lost$/),
    ]);
  });

  it("delivers no attributes with a 'json' message structure, though its filter policies see them", async () => {
    const { sns, sent } = snsWith([
      { Protocol: 'sqs', Endpoint: QUEUE, FilterPolicy: { kind: ['wanted'] } },
      { Protocol: 'sqs', Endpoint: `${QUEUE}-raw`, RawMessageDelivery: true },
    ]);
    sns.publish(TOPIC, {
      Message: JSON.stringify({ default: 'for everyone', sqs: 'for queues' }),
      MessageStructure: 'json',
      MessageAttributes: { kind: { DataType: 'String', StringValue: 'wanted' } },
    });
    await sns.drain();
    const enveloped = sent.find((m) => m.queue === QUEUE);
    expect(JSON.parse(String(enveloped?.body))).not.toHaveProperty('MessageAttributes');
    expect(JSON.parse(String(enveloped?.body))).toMatchObject({ Message: 'for queues' });
    expect(sent.find((m) => m.queue === `${QUEUE}-raw`)).toEqual({
      queue: `${QUEUE}-raw`,
      body: 'for queues',
      options: {},
    });
  });

  it("invokes a function asynchronously with Lambda's SNS event", async () => {
    const fn = 'arn:aws:lambda:us-east-1:000000000000:function:f';
    const { sns, invoked } = snsWith([{ Protocol: 'lambda', Endpoint: fn }]);
    sns.publish(TOPIC, { Message: 'hi', Subject: 'greeting' });
    await sns.drain();
    expect(invoked).toEqual([
      {
        fn,
        event: {
          Records: [
            expect.objectContaining({
              EventSource: 'aws:sns',
              EventSubscriptionArn: `${TOPIC}:sub-0`,
              Sns: expect.objectContaining({
                Type: 'Notification',
                TopicArn: TOPIC,
                Subject: 'greeting',
                Message: 'hi',
              }),
            }),
          ],
        },
      },
    ]);
  });

  it('names what it cannot run: a protocol it does not deliver to, a filter policy AWS would refuse', () => {
    const { model } = snsWith([
      { Protocol: 'email', Endpoint: 'a@example.com' },
      { Protocol: 'sqs', Endpoint: QUEUE, FilterPolicy: { kind: 'not a list' } },
    ]);
    expect(model.warnings).toEqual([
      'S/Sub0: protocol email is not emulated; it gets no messages',
      expect.stringMatching(/^S\/Sub1: its filter policy is invalid \(.*\); it gets no messages$/),
    ]);
  });
});

describe('HTTP subscribers', () => {
  /** A real HTTP endpoint that fails its first `failures` requests with 500, then answers 200. */
  async function endpoint(failures: number) {
    const requests: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.statusCode = requests.length <= failures ? 500 : 200;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    return { url, requests, close: () => new Promise((resolve) => server.close(resolve)) };
  }

  it('get a POST of the notification with the x-amz-sns headers, retried after a 5xx', async () => {
    const hook = await endpoint(1);
    try {
      const { sns, warnings } = snsWith([{ Protocol: 'http', Endpoint: hook.url }], { httpRetryDelayMs: 10 });
      const { messageId } = sns.publish(TOPIC, { Message: 'ping', Subject: 's' });
      await sns.drain();
      expect(hook.requests).toHaveLength(2);
      const [, delivered] = hook.requests;
      expect(delivered?.headers).toMatchObject({
        'x-amz-sns-message-type': 'Notification',
        'x-amz-sns-message-id': messageId,
        'x-amz-sns-topic-arn': TOPIC,
        'x-amz-sns-subscription-arn': `${TOPIC}:sub-0`,
      });
      expect(JSON.parse(delivered?.body ?? '{}')).toMatchObject({
        Type: 'Notification',
        Message: 'ping',
        Subject: 's',
      });
      expect(warnings).toEqual([]);
    } finally {
      await hook.close();
    }
  });

  it('give up after three retries, and with raw delivery get the message itself', async () => {
    const hook = await endpoint(10);
    try {
      const { sns, warnings } = snsWith(
        [{ Protocol: 'http', Endpoint: hook.url, RawMessageDelivery: true }],
        {
          httpRetryDelayMs: 5,
        },
      );
      sns.publish(TOPIC, { Message: 'raw ping' });
      await sns.drain();
      expect(hook.requests.map((r) => [r.body, r.headers['x-amz-sns-rawdelivery']])).toEqual(
        Array.from({ length: 4 }, () => ['raw ping', 'true']),
      );
      expect(warnings).toEqual([
        expect.stringMatching(/answered HTTP 500\); no dead-letter queue, message .* lost$/),
      ]);
    } finally {
      await hook.close();
    }
  });
});

describe('the query protocol', () => {
  it('reads lists and maps from their dotted form fields', () => {
    const params = parseQuery(
      'Action=PublishBatch&PublishBatchRequestEntries.member.2.Id=b&PublishBatchRequestEntries.member.1.Id=a' +
        '&PublishBatchRequestEntries.member.1.MessageAttributes.entry.1.Name=k' +
        '&PublishBatchRequestEntries.member.1.MessageAttributes.entry.1.Value.StringValue=v%26w' +
        '&Attributes.entry.1.key=RawMessageDelivery&Attributes.entry.1.value=true',
    );
    const batch = members(params, 'PublishBatchRequestEntries');
    expect(batch.map((entry) => entry.get('Id'))).toEqual(['a', 'b']);
    expect(
      entries(batch[0] ?? new Map(), 'MessageAttributes').map((e) => [
        e.get('Name'),
        e.get('Value.StringValue'),
      ]),
    ).toEqual([['k', 'v&w']]);
    expect(entries(params, 'Attributes').map((e) => [e.get('key'), e.get('value')])).toEqual([
      ['RawMessageDelivery', 'true'],
    ]);
  });

  it('escapes what it writes into XML', () => {
    expect(xmlElement('Message', '<a & "b">')).toBe('<Message>&lt;a &amp; &quot;b&quot;&gt;</Message>');
    expect(queryResponse('ns', 'Publish', '<MessageId>1</MessageId>')).toMatch(
      /^<PublishResponse xmlns="ns"><PublishResult><MessageId>1<\/MessageId><\/PublishResult><ResponseMetadata><RequestId>[0-9a-f-]{36}<\/RequestId><\/ResponseMetadata><\/PublishResponse>$/,
    );
  });
});
