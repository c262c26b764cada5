import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  archive,
  bus,
  busArn,
  functionArn,
  rule,
  startEventBridge,
  type TestCloud,
} from './eventbridge-test-kit';

let cloud: TestCloud;
afterEach(() => cloud.close());

describe('the model from the template', () => {
  it('reports what it cannot honour instead of ignoring it', async () => {
    cloud = await startEventBridge([
      rule('Cron', {
        ScheduleExpression: 'cron(0 12 * * ? *)',
        Targets: [{ Id: 'fn', Arn: functionArn('f') }],
      }),
      rule('Kinesis', {
        EventPattern: { source: ['a'] },
        Targets: [{ Id: 'stream', Arn: 'arn:aws:kinesis:us-east-1:000000000000:stream/s' }],
      }),
      rule('Ecs', {
        EventPattern: { source: ['a'] },
        Targets: [{ Id: 'fn', Arn: functionArn('f'), HttpParameters: {}, InputPath: '$.detail[*]' }],
      }),
      rule('Bad', { EventPattern: '{"source":"a"}', Targets: [] }),
      rule('Lost', { EventBusName: 'ghost', EventPattern: { source: ['a'] } }),
      { ...bus('x'), type: 'AWS::Events::Connection', logicalId: 'Conn' },
    ]);
    expect(cloud.modelWarnings).toEqual([
      'rule Cron: ScheduleExpression cron(0 12 * * ? *) is not emulated (only rate(...) is)',
      'rule Kinesis target stream: arn:aws:kinesis:us-east-1:000000000000:stream/s is not a Lambda function, SQS queue, SNS topic, state machine or event bus; not emulated',
      'rule Ecs target fn: HttpParameters is not emulated',
      'rule Ecs target fn: JSON path $.detail[*] is not supported; it finds nothing',
      expect.stringMatching(/^rule Bad: Event pattern is not valid\. Reason: .*; it never matches$/),
      'Conn: AWS::Events::Connection is not emulated',
      'Lost: event bus ghost is not declared in the app; it never receives events',
    ]);
  });

  it('archives the events of its bus that match its pattern', async () => {
    cloud = await startEventBridge([
      bus('shop'),
      archive('orders', {
        SourceArn: busArn('shop'),
        EventPattern: { source: ['shop.orders'] },
        RetentionDays: 7,
      }),
      archive('everything', { SourceArn: busArn('default') }),
    ]);
    await cloud.client.send(
      new PutEventsCommand({
        Entries: [
          { EventBusName: 'shop', Source: 'shop.orders', DetailType: 'A', Detail: '{}' },
          { EventBusName: 'shop', Source: 'shop.other', DetailType: 'B', Detail: '{}' },
          { Source: 'shop.orders', DetailType: 'C', Detail: '{}' },
        ],
      }),
    );
    expect(cloud.service.archivedEvents('orders')?.map((event) => event['detail-type'])).toEqual(['A']);
    expect(cloud.service.archivedEvents('everything')?.map((event) => event['detail-type'])).toEqual(['C']);
    expect(cloud.service.archivedEvents('unknown')).toBeUndefined();
  });

  it('fires a rate(...) rule with a Scheduled Event once started', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    try {
      cloud = await startEventBridge([
        rule('Tick', {
          ScheduleExpression: 'rate(5 minutes)',
          Targets: [{ Id: 'fn', Arn: functionArn('tick') }],
        }),
      ]);
      cloud.service.startSchedules();
      jest.advanceTimersByTime(5 * 60_000);
      await cloud.service.drain();
      expect(cloud.dispatcher.invocations.map((call) => call.event)).toEqual([
        expect.objectContaining({
          source: 'aws.events',
          'detail-type': 'Scheduled Event',
          resources: ['arn:aws:events:us-east-1:000000000000:rule/Tick'],
          detail: {},
        }),
      ]);
    } finally {
      jest.useRealTimers();
    }
  });
});
