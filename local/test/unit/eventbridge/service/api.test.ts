import {
  DescribeRuleCommand,
  ListEventBusesCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import {
  bus,
  busArn,
  functionArn,
  queueArn,
  rule,
  startEventBridge,
  type TestCloud,
} from './eventbridge-test-kit';

let cloud: TestCloud;

beforeAll(async () => {
  cloud = await startEventBridge([
    bus('shop'),
    rule('OrderPlaced', {
      Description: 'orders to the handler',
      EventPattern: { source: ['shop.orders'] },
      Targets: [
        {
          Id: 'fn',
          Arn: functionArn('handler'),
          InputTransformer: { InputPathsMap: { id: '$.detail.id' }, InputTemplate: '{"id": <id>}' },
          RetryPolicy: { MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 600 },
          DeadLetterConfig: { Arn: queueArn('dlq') },
        },
      ],
    }),
    rule('Paused', { State: 'DISABLED', EventPattern: '{"source":["shop.x"]}' }),
    rule('OnShop', { EventBusName: 'shop', EventPattern: { source: ['shop.payments'] }, Targets: [] }),
  ]);
});

afterAll(() => cloud.close());

const event = JSON.stringify({
  id: '1',
  account: '000000000000',
  source: 'shop.orders',
  time: '2024-01-01T00:00:00Z',
  region: 'us-east-1',
  resources: [],
  'detail-type': 'OrderPlaced',
  detail: { total: 12 },
});

describe('the EventBridge API', () => {
  it('TestEventPattern answers whether an event matches', async () => {
    const test = (pattern: object) =>
      cloud.client.send(new TestEventPatternCommand({ EventPattern: JSON.stringify(pattern), Event: event }));
    await expect(test({ detail: { total: [{ numeric: ['>', 10] }] } })).resolves.toMatchObject({
      Result: true,
    });
    await expect(test({ source: ['shop.payments'] })).resolves.toMatchObject({ Result: false });
  });

  it('TestEventPattern rejects an invalid pattern with AWS error', async () => {
    await expect(
      cloud.client.send(
        new TestEventPatternCommand({ EventPattern: '{"source":"not-a-list"}', Event: event }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidEventPatternException',
      message: expect.stringMatching(/^Event pattern is not valid/),
    });
  });

  it('TestEventPattern rejects an event without the envelope fields', async () => {
    await expect(
      cloud.client.send(new TestEventPatternCommand({ EventPattern: '{}', Event: '{"source":"x"}' })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('ListRules lists the rules of one bus, with prefix and pages', async () => {
    const defaults = await cloud.client.send(new ListRulesCommand({}));
    expect(defaults.Rules?.map((r) => [r.Name, r.State])).toEqual([
      ['OrderPlaced', 'ENABLED'],
      ['Paused', 'DISABLED'],
    ]);
    expect(defaults.Rules?.[0]).toMatchObject({
      Arn: 'arn:aws:events:us-east-1:000000000000:rule/OrderPlaced',
      EventPattern: '{"source":["shop.orders"]}',
      Description: 'orders to the handler',
      EventBusName: 'default',
    });
    const page = await cloud.client.send(new ListRulesCommand({ Limit: 1 }));
    expect(page.Rules?.map((r) => r.Name)).toEqual(['OrderPlaced']);
    const next = await cloud.client.send(new ListRulesCommand({ Limit: 1, NextToken: page.NextToken }));
    expect(next.Rules?.map((r) => r.Name)).toEqual(['Paused']);
    expect(next.NextToken).toBeUndefined();
    const shop = await cloud.client.send(
      new ListRulesCommand({ EventBusName: busArn('shop'), NamePrefix: 'On' }),
    );
    expect(shop.Rules?.map((r) => r.Name)).toEqual(['OnShop']);
  });

  it('DescribeRule describes a rule or says it does not exist', async () => {
    await expect(
      cloud.client.send(new DescribeRuleCommand({ Name: 'OnShop', EventBusName: 'shop' })),
    ).resolves.toMatchObject({
      Name: 'OnShop',
      EventBusName: 'shop',
      Arn: 'arn:aws:events:us-east-1:000000000000:rule/shop/OnShop',
      CreatedBy: '000000000000',
    });
    await expect(cloud.client.send(new DescribeRuleCommand({ Name: 'OnShop' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Rule OnShop does not exist on EventBus default.',
    });
  });

  it('ListTargetsByRule returns the targets as configured', async () => {
    const { Targets } = await cloud.client.send(new ListTargetsByRuleCommand({ Rule: 'OrderPlaced' }));
    expect(Targets).toEqual([
      {
        Id: 'fn',
        Arn: functionArn('handler'),
        InputTransformer: { InputPathsMap: { id: '$.detail.id' }, InputTemplate: '{"id": <id>}' },
        RetryPolicy: { MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 600 },
        DeadLetterConfig: { Arn: queueArn('dlq') },
      },
    ]);
  });

  it('ListEventBuses includes the default bus', async () => {
    const { EventBuses } = await cloud.client.send(new ListEventBusesCommand({}));
    expect(EventBuses).toEqual([
      { Name: 'default', Arn: busArn('default') },
      { Name: 'shop', Arn: busArn('shop') },
    ]);
  });

  it('answers an operation it does not emulate with an error, not silence', async () => {
    await expect(cloud.service.handle('PutRule', { Name: 'x' })).rejects.toMatchObject({
      code: 'UnknownOperationException',
    });
  });
});
