import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import {
  CreateTopicCommand,
  GetSubscriptionAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListTopicsCommand,
  NotFoundException,
  PublishCommand,
  SNSClient,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { LocalCloud } from '../../cloud/local-cloud';
import { buildFixtureApp } from '../fixtures/local-cloud-app/app';
import { invokeOnEndpoint } from './invoke-function';
import { receiveBodies } from './receive-messages';

/**
 * The asynchronous wiring of the fixture app, driven only through the local AWS endpoint with the
 * unchanged AWS SDK: queues and their mappings, the table's stream, EventBridge rules and targets, the
 * state machine, and Lambda's on-failure destination.
 */
let workDir: string;
let cloud: LocalCloud;
let out: Record<string, string>;
let sqs: SQSClient;
let eventBridge: EventBridgeClient;
let stepFunctions: SFNClient;
let topics: SNSClient;

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'local-cloud-async-'));
  const assemblyDir = path.join(workDir, 'cdk.out');
  buildFixtureApp(assemblyDir).synth();
  cloud = await LocalCloud.start({ assemblyDir, apiBasePort: 0, endpointPort: 0 });
  out = { ...cloud.outputs.LocalCloudFixture };
  const config = {
    endpoint: cloud.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
  };
  sqs = new SQSClient(config);
  eventBridge = new EventBridgeClient(config);
  stepFunctions = new SFNClient(config);
  topics = new SNSClient(config);
});
afterAll(async () => {
  for (const client of [sqs, eventBridge, stepFunctions, topics]) client?.destroy();
  await cloud?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

const receive = (queueUrl: string, count: number, timeoutMs?: number) =>
  receiveBodies(sqs, queueUrl, count, timeoutMs);

const output = (key: string) => {
  const value = out[key];
  if (value === undefined) throw new Error(`No output ${key}`);
  return value;
};

describe('the fixture app, asynchronously', () => {
  it('SQS -> Lambda -> DynamoDB -> stream -> Lambda -> SQS, and a poison message ends in the DLQ', async () => {
    await sqs.send(new SendMessageCommand({ QueueUrl: output('WorkQueueUrl'), MessageBody: 'ok-1' }));
    await sqs.send(new SendMessageCommand({ QueueUrl: output('WorkQueueUrl'), MessageBody: 'poison-1' }));
    expect(await receive(output('AuditQueueUrl'), 1)).toEqual(['stream:sqs#ok-1']);
    // Reported as a batch item failure twice (maxReceiveCount 2), then redriven.
    expect(await receive(output('DeadLetterQueueUrl'), 1)).toEqual(['poison-1']);
  });

  it("deletes what the mapping's FilterCriteria does not match, unseen by the function", async () => {
    const url = output('FilteredQueueUrl');
    const unwanted = ['plain text', '{"kind":"other"}'];
    for (const body of [...unwanted, '{"kind":"wanted","n":7}'])
      await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body }));
    const audited = await receive(output('AuditQueueUrl'), 1);
    expect(audited).toEqual(['stream:sqs#{"kind":"wanted","n":7}']);
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    expect(Attributes).toEqual({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
    });
    // Had the function seen them, they would have reached the audit queue through the table's stream.
    const later = await receive(output('AuditQueueUrl'), 10, 1_500);
    expect(later.filter((body) => unwanted.some((text) => body.includes(text)))).toEqual([]);
  });

  it('routes events by content and transforms the input for the queue target', async () => {
    const put = await eventBridge.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: 'fixture-bus',
            Source: 'fixture',
            DetailType: 'OrderPlaced',
            Detail: JSON.stringify({ orderId: 'small', amount: 5 }),
          },
          {
            EventBusName: 'fixture-bus',
            Source: 'fixture',
            DetailType: 'OrderPlaced',
            Detail: JSON.stringify({ orderId: 'big-1', amount: 500 }),
          },
          { EventBusName: 'fixture-bus', Source: 'fixture', DetailType: 'OrderPlaced', Detail: '{not json' },
        ],
      }),
    );
    expect(put.FailedEntryCount).toBe(1);
    expect(put.Entries?.[2]?.ErrorCode).toBe('MalformedDetail');
    expect((await receive(output('AuditQueueUrl'), 1)).map((body) => JSON.parse(body))).toEqual([
      { big: 'big-1' },
    ]);
  });

  it('runs the saga: a retried step succeeds; a declined charge is compensated and fails the execution', async () => {
    const run = async (chargeFails: string) => {
      const { executionArn } = await stepFunctions.send(
        new StartExecutionCommand({
          stateMachineArn: output('SagaArn'),
          input: JSON.stringify({ chargeFails }),
        }),
      );
      for (;;) {
        const execution = await stepFunctions.send(new DescribeExecutionCommand({ executionArn }));
        if (execution.status !== 'RUNNING') return execution;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };
    const ok = await run('no');
    expect(ok.status).toBe('SUCCEEDED');
    expect(JSON.parse(ok.output ?? '{}')).toMatchObject({
      Reserve: { done: true, attempt: 2 },
      Charge: { done: true },
    });
    const declined = await run('Declined');
    expect(declined).toMatchObject({ status: 'FAILED', error: 'OrderRejected', cause: 'payment declined' });
  });

  it('starts the saga from an EventBridge rule', async () => {
    const { DescribeExecutionCommand: Describe, ListExecutionsCommand } = await import('@aws-sdk/client-sfn');
    const executions = async () =>
      (await stepFunctions.send(new ListExecutionsCommand({ stateMachineArn: output('SagaArn') })))
        .executions ?? [];
    // Whatever other tests started, this test looks only for the execution its own event starts.
    const before = new Set((await executions()).map((execution) => execution.executionArn));
    const marker = `rule-${Date.now()}`;
    await eventBridge.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: 'fixture-bus',
            Source: 'fixture',
            DetailType: 'SagaRequested',
            Detail: JSON.stringify({ chargeFails: 'no', marker }),
          },
        ],
      }),
    );
    const deadline = Date.now() + 20_000;
    let started: { status?: string; input?: string } | undefined;
    while (Date.now() < deadline && started?.status !== 'SUCCEEDED') {
      const fresh = (await executions()).filter((execution) => !before.has(execution.executionArn));
      for (const execution of fresh) {
        const described = await stepFunctions.send(new Describe({ executionArn: execution.executionArn }));
        if (described.input?.includes(marker)) started = described;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // The rule's target input is the event's detail, as `RuleTargetInput.fromEventPath('$.detail')` says.
    expect(JSON.parse(started?.input ?? '{}')).toEqual({ chargeFails: 'no', marker });
    expect(started?.status).toBe('SUCCEEDED');
  });

  it('answers Lambda Invoke on the local endpoint (the SDK or `aws lambda invoke`)', async () => {
    expect(
      await invokeOnEndpoint(cloud.endpoint, output('StepFunctionName'), { executionId: 'direct' }),
    ).toEqual({ done: true, attempt: 1 });
  });

  it("lets a function call an IAM-authorized method only where its role's policies grant it", async () => {
    const call = (functionName: string) =>
      invokeOnEndpoint<{ status: number; body: string }>(cloud.endpoint, functionName);
    const granted = await call(output('GrantedCallerName'));
    expect(granted.status).toBe(200);
    expect(JSON.parse(granted.body)).toMatchObject({ path: '/internal', method: 'GET' });
    // Signed correctly, with its own key, but its role has no execute-api:Invoke on the method.
    const refused = await call(output('UngrantedCallerName'));
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body).Message ?? JSON.parse(refused.body).message).toMatch(
      /is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:[^ ]+\/test\/GET\/internal$/,
    );
  });

  it('sends the record of a failed asynchronous invocation to the on-failure destination', async () => {
    await eventBridge.send(
      new PutEventsCommand({
        Entries: [{ EventBusName: 'fixture-bus', Source: 'fixture', DetailType: 'Doomed', Detail: '{}' }],
      }),
    );
    const [record] = await receive(output('FailureQueueUrl'), 1);
    expect(JSON.parse(record ?? '{}')).toMatchObject({
      requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 1 },
      responsePayload: { errorMessage: 'this function always fails' },
    });
  });

  it('sends the record of a successful asynchronous invocation to the on-success destination (the bus)', async () => {
    await eventBridge.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: 'fixture-bus',
            Source: 'fixture',
            DetailType: 'Ship',
            Detail: JSON.stringify({ orderId: 'o-ship' }),
          },
        ],
      }),
    );
    const [body] = await receive(output('SuccessQueueUrl'), 1);
    const event = JSON.parse(body ?? '{}');
    expect(event).toMatchObject({
      source: 'lambda',
      'detail-type': 'Lambda Function Invocation Result - Success',
      resources: [expect.stringMatching(/:event-bus\/fixture-bus$/), `${output('SucceedsArn')}:$LATEST`],
      detail: {
        version: '1.0',
        requestContext: {
          functionArn: `${output('SucceedsArn')}:$LATEST`,
          condition: 'Success',
          approximateInvokeCount: 1,
        },
        requestPayload: { source: 'fixture', 'detail-type': 'Ship', detail: { orderId: 'o-ship' } },
        responseContext: { statusCode: 200, executedVersion: '$LATEST' },
        responsePayload: { shipped: 'o-ship' },
      },
    });
  });

  describe('SNS', () => {
    const publish = (message: string, kind?: string) =>
      topics.send(
        new PublishCommand({
          TopicArn: output('TopicArn'),
          Message: message,
          ...(kind === undefined
            ? {}
            : { MessageAttributes: { kind: { DataType: 'String', StringValue: kind } } }),
        }),
      );
    /** The notifications a queue subscribed without raw delivery got, parsed. */
    const notifications = async (count: number) =>
      (await receive(output('SnsEverythingQueueUrl'), count)).map(
        (body) =>
          JSON.parse(body) as {
            Type: string;
            TopicArn: string;
            Message: string;
            Subject?: string;
            MessageAttributes?: unknown;
          },
      );

    it('fans a message out: the JSON notification to a queue, the raw message behind an attribute filter', async () => {
      const sent = await publish('hello wanted', 'wanted');
      await publish('hello other', 'other');
      expect(sent.MessageId).toMatch(/^[0-9a-f-]{36}$/);
      const all = await notifications(2);
      expect(all.map((n) => n.Message).sort()).toEqual(['hello other', 'hello wanted']);
      expect(all.find((n) => n.Message === 'hello wanted')).toMatchObject({
        Type: 'Notification',
        TopicArn: output('TopicArn'),
        MessageId: sent.MessageId,
        MessageAttributes: { kind: { Type: 'String', Value: 'wanted' } },
      });
      const raw = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: output('SnsWantedRawQueueUrl'),
          WaitTimeSeconds: 2,
          MessageAttributeNames: ['All'],
        }),
      );
      expect(raw.Messages?.map((m) => [m.Body, m.MessageAttributes?.kind?.StringValue])).toEqual([
        ['hello wanted', 'wanted'],
      ]);
    });

    it('invokes a function behind a message-body filter with the SNS event', async () => {
      await publish(JSON.stringify({ orderId: 'small-1' }));
      await publish(JSON.stringify({ orderId: 'big-1' }));
      const seen = await receive(output('SnsSeenQueueUrl'), 2, 3_000);
      expect(seen).toEqual(['aws:sns:{"orderId":"big-1"}']);
      await notifications(2);
    });

    it('is a target of an EventBridge rule and of a state machine (sns:publish)', async () => {
      await eventBridge.send(
        new PutEventsCommand({
          Entries: [
            { EventBusName: 'fixture-bus', Source: 'fixture', DetailType: 'ToTopic', Detail: '{"n":1}' },
          ],
        }),
      );
      const { executionArn } = await stepFunctions.send(
        new StartExecutionCommand({
          stateMachineArn: output('PublisherArn'),
          input: '{"message":"from sfn"}',
        }),
      );
      const got = await notifications(2);
      const fromRule = got.find((n) => n.Message.includes('ToTopic'));
      expect(JSON.parse(fromRule?.Message ?? '{}')).toMatchObject({
        source: 'fixture',
        'detail-type': 'ToTopic',
        detail: { n: 1 },
      });
      expect(got.find((n) => n.Message === 'from sfn')).toMatchObject({ Subject: 'from a state machine' });
      const execution = await stepFunctions.send(new DescribeExecutionCommand({ executionArn }));
      expect(execution.status).toBe('SUCCEEDED');
      expect(JSON.parse(execution.output ?? '{}')).toMatchObject({ MessageId: expect.any(String) });
    });

    it('answers the SNS API through the SDK: topics, subscribe, attributes, and NotFound', async () => {
      const { TopicArn } = await topics.send(new CreateTopicCommand({ Name: 'made-by-api' }));
      expect(TopicArn).toBe('arn:aws:sns:us-east-1:000000000000:made-by-api');
      const listed = await topics.send(new ListTopicsCommand({}));
      expect(listed.Topics?.map((t) => t.TopicArn)).toEqual(
        expect.arrayContaining([output('TopicArn'), TopicArn]),
      );
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'sns-api-subscriber' }));
      const { SubscriptionArn } = await topics.send(
        new SubscribeCommand({
          TopicArn,
          Protocol: 'sqs',
          Endpoint: 'arn:aws:sqs:us-east-1:000000000000:sns-api-subscriber',
          Attributes: { RawMessageDelivery: 'true' },
        }),
      );
      const attributes = await topics.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }));
      expect(attributes.Attributes).toMatchObject({ Protocol: 'sqs', RawMessageDelivery: 'true', TopicArn });
      const byTopic = await topics.send(new ListSubscriptionsByTopicCommand({ TopicArn }));
      expect(byTopic.Subscriptions?.map((s) => s.SubscriptionArn)).toEqual([SubscriptionArn]);
      await topics.send(new PublishCommand({ TopicArn, Message: 'through the API' }));
      expect(await receive(QueueUrl ?? '', 1)).toEqual(['through the API']);
      await expect(
        topics.send(
          new PublishCommand({ TopicArn: 'arn:aws:sns:us-east-1:000000000000:nope', Message: 'x' }),
        ),
      ).rejects.toBeInstanceOf(NotFoundException);
    });

    it("gets a function's invocation record from its on-success destination", async () => {
      const lambda = new LambdaClient({
        endpoint: cloud.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      });
      await lambda.send(
        new InvokeCommand({
          FunctionName: output('SnsReportedName'),
          InvocationType: 'Event',
          Payload: JSON.stringify({ detail: { orderId: 'o-reported' } }),
        }),
      );
      lambda.destroy();
      const [record] = await notifications(1);
      expect(JSON.parse(record?.Message ?? '{}')).toMatchObject({
        requestContext: { condition: 'Success' },
        requestPayload: { detail: { orderId: 'o-reported' } },
        responsePayload: { shipped: 'o-reported' },
      });
    });
  });
});
