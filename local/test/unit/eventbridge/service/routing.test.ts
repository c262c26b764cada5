import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  bus,
  busArn,
  functionArn,
  queueArn,
  rule,
  startEventBridge,
  type TestCloud,
} from './eventbridge-test-kit';

const ORDERS = functionArn('orders-handler');
const AUDIT = queueArn('audit');
const PAYMENTS = functionArn('payments-handler');
const MACHINE = 'arn:aws:states:us-east-1:000000000000:stateMachine:fulfil';

let cloud: TestCloud;

beforeEach(async () => {
  cloud = await startEventBridge([
    bus('shop'),
    rule('OrderPlaced', {
      EventPattern: { source: ['shop.orders'], 'detail-type': ['OrderPlaced'] },
      Targets: [{ Id: 'fn', Arn: ORDERS }],
    }),
    rule('BigOrders', {
      EventPattern: JSON.stringify({
        source: ['shop.orders'],
        detail: { total: [{ numeric: ['>=', 100] }] },
      }),
      Targets: [{ Id: 'queue', Arn: AUDIT }],
    }),
    rule('Disabled', {
      State: 'DISABLED',
      EventPattern: { source: ['shop.orders'] },
      Targets: [{ Id: 'fn', Arn: PAYMENTS }],
    }),
    rule('OnShopBus', {
      EventBusName: busArn('shop'),
      EventPattern: { source: ['shop.payments'] },
      Targets: [
        { Id: 'fn', Arn: PAYMENTS },
        { Id: 'sfn', Arn: MACHINE },
      ],
    }),
    rule('ForwardToShop', {
      EventPattern: { source: ['shop.forwarded'] },
      Targets: [{ Id: 'bus', Arn: busArn('shop') }],
    }),
    rule('ForwardedOnShop', {
      EventBusName: 'shop',
      EventPattern: { source: ['shop.forwarded'] },
      Targets: [{ Id: 'q', Arn: AUDIT }],
    }),
  ]);
});

afterEach(() => cloud.close());

async function put(entries: Array<Record<string, unknown>>): Promise<void> {
  const result = await cloud.client.send(
    new PutEventsCommand({
      Entries: entries.map((entry) => ({
        Source: 'shop.orders',
        DetailType: 'OrderPlaced',
        Detail: '{"total":5}',
        ...entry,
      })),
    }),
  );
  expect(result.FailedEntryCount).toBe(0);
  await cloud.service.drain();
}

describe('routing events to rules', () => {
  it('delivers only to the targets of enabled rules whose pattern matches source, detail-type and detail', async () => {
    await put([{}, { Detail: '{"total":150}' }, { DetailType: 'OrderShipped', Detail: '{"total":7}' }]);

    expect(cloud.dispatcher.invocations.map((call) => call.arn)).toEqual([ORDERS, ORDERS]);
    expect(cloud.dispatcher.bodiesFor(AUDIT)).toEqual([expect.objectContaining({ detail: { total: 150 } })]);
    expect(cloud.dispatcher.attempts).not.toContain(PAYMENTS);
  });

  it('delivers the full EventBridge envelope to every target', async () => {
    await put([
      {
        Resources: ['arn:aws:s3:::bucket'],
        Time: new Date('2024-05-06T07:08:09.123Z'),
        Detail: '{"total":100}',
      },
    ]);

    const delivered = [cloud.dispatcher.invocations[0]?.event, ...cloud.dispatcher.bodiesFor(AUDIT)];
    expect(delivered).toHaveLength(2);
    for (const event of delivered) {
      expect(event).toEqual({
        version: '0',
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        'detail-type': 'OrderPlaced',
        source: 'shop.orders',
        account: '000000000000',
        time: '2024-05-06T07:08:09Z',
        region: 'us-east-1',
        resources: ['arn:aws:s3:::bucket'],
        detail: { total: 100 },
      });
    }
  });

  it('gives each event the id PutEvents answered with', async () => {
    const result = await cloud.client.send(
      new PutEventsCommand({ Entries: [{ Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: '{}' }] }),
    );
    await cloud.service.drain();
    expect(cloud.dispatcher.invocations[0]?.event).toMatchObject({ id: result.Entries?.[0]?.EventId });
  });

  it('routes to a custom bus named by name or by ARN, and only to its rules', async () => {
    await put([
      { EventBusName: 'shop', Source: 'shop.payments' },
      { EventBusName: busArn('shop'), Source: 'shop.payments' },
      { Source: 'shop.payments' },
    ]);

    expect(cloud.dispatcher.invocations.map((call) => call.arn)).toEqual([PAYMENTS, PAYMENTS]);
    expect(cloud.dispatcher.executions).toHaveLength(2);
    expect(JSON.parse(cloud.dispatcher.executions[0]?.input ?? '')).toMatchObject({
      source: 'shop.payments',
    });
  });

  it('forwards an event to another bus whose rules then see it unchanged', async () => {
    await put([{ Source: 'shop.forwarded' }]);

    expect(cloud.dispatcher.bodiesFor(AUDIT)).toEqual([
      expect.objectContaining({ source: 'shop.forwarded' }),
    ]);
    expect(cloud.traces).toContain('event shop.forwarded/OrderPlaced -> bus shop');
  });

  it('answers PutEvents before any target runs', async () => {
    const answer = await cloud.service.handle('PutEvents', {
      Entries: [{ Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: '{}' }],
    });
    expect(answer).toMatchObject({ FailedEntryCount: 0 });
    expect(cloud.dispatcher.attempts).toEqual([]);
    await cloud.service.drain();
    expect(cloud.dispatcher.attempts).toEqual([ORDERS]);
  });

  it('traces event -> rule -> target', async () => {
    await put([{}]);
    expect(cloud.traces).toEqual([`event shop.orders/OrderPlaced -> rule OrderPlaced -> target ${ORDERS}`]);
  });
});
