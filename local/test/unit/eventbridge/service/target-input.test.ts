import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { bus, functionArn, queueArn, rule, startEventBridge, type TestCloud } from './eventbridge-test-kit';

const QUEUE = queueArn('inputs.fifo');
const FN = functionArn('inputs');
let cloud: TestCloud;

async function deliver(
  target: Record<string, unknown>,
  detail: unknown = { id: 'o-1', total: 42, items: [{ sku: 'a' }] },
) {
  cloud = await startEventBridge([
    bus('shop'),
    rule('R', { EventPattern: { source: ['shop.orders'] }, Targets: [{ Id: 't', ...target }] }),
  ]);
  await cloud.client.send(
    new PutEventsCommand({
      Entries: [
        {
          Source: 'shop.orders',
          DetailType: 'OrderPlaced',
          Detail: JSON.stringify(detail),
          Time: new Date('2024-01-02T03:04:05Z'),
        },
      ],
    }),
  );
  await cloud.service.drain();
}

const bodies = (): string[] => cloud.dispatcher.messages.map((message) => message.body);

afterEach(() => cloud.close());

describe('target input', () => {
  it('sends a constant Input as is', async () => {
    await deliver({ Arn: QUEUE, Input: '{"fixed":true}' });
    expect(bodies()).toEqual(['{"fixed":true}']);
  });

  it('sends the part of the event at InputPath, and null for a path not in the event', async () => {
    await deliver({ Arn: QUEUE, InputPath: '$.detail.items[0]' });
    const first = bodies();
    await cloud.close();
    await deliver({ Arn: QUEUE, InputPath: '$.detail.missing' });
    expect(first).toEqual(['{"sku":"a"}']);
    expect(bodies()).toEqual(['null']);
  });

  it('passes SqsParameters.MessageGroupId to a FIFO queue', async () => {
    await deliver({ Arn: QUEUE, SqsParameters: { MessageGroupId: 'orders' } });
    expect(cloud.dispatcher.messages[0]?.options).toEqual({ messageGroupId: 'orders' });
  });

  it('fills a text template with raw values, objects without their quotes', async () => {
    await deliver({
      Arn: QUEUE,
      InputTransformer: {
        InputPathsMap: {
          id: '$.detail.id',
          total: '$.detail.total',
          first: '$.detail.items[0]',
          gone: '$.detail.nope',
        },
        InputTemplate: '"Order <id> of <total> starts with <first><gone>"',
      },
    });
    expect(bodies()).toEqual(['"Order o-1 of 42 starts with {sku:a}"']);
  });

  it('fills a JSON template: values as JSON outside strings, as text inside them', async () => {
    await deliver({
      Arn: QUEUE,
      InputTransformer: {
        InputPathsMap: {
          id: '$.detail.id',
          total: '$.detail.total',
          items: '$.detail.items',
          gone: '$.detail.nope',
        },
        InputTemplate:
          '{"order": <id>, "total": <total>, "items": <items>, "text": "<id> costs <total>", "gone": <gone>, "literal": "<unknown>"}',
      },
    });
    expect(JSON.parse(bodies()[0] ?? '')).toEqual({
      order: 'o-1',
      total: 42,
      items: [{ sku: 'a' }],
      text: 'o-1 costs 42',
      gone: null,
      literal: '<unknown>',
    });
  });

  it('fills the predefined aws.events variables', async () => {
    await deliver({
      Arn: QUEUE,
      InputTransformer: {
        InputTemplate:
          '{"rule": <aws.events.rule-name>, "arn": <aws.events.rule-arn>, "at": <aws.events.event.ingestion-time>, "meta": <aws.events.event>, "all": <aws.events.event.json>}',
      },
    });
    const body = JSON.parse(bodies()[0] ?? '');
    expect(body).toMatchObject({
      rule: 'R',
      arn: 'arn:aws:events:us-east-1:000000000000:rule/R',
      meta: { source: 'shop.orders' },
    });
    expect(body.at).toMatch(/Z$/);
    expect(body.meta.detail).toBeUndefined();
    expect(body.all.detail).toEqual({ id: 'o-1', total: 42, items: [{ sku: 'a' }] });
  });

  it('invokes a Lambda function with the JSON the input holds, or with a string for text', async () => {
    await deliver({
      Arn: FN,
      InputTransformer: { InputPathsMap: { id: '$.detail.id' }, InputTemplate: '{"orderId": <id>}' },
    });
    await cloud.close();
    const first = cloud.dispatcher.invocations[0]?.event;
    await deliver({
      Arn: FN,
      InputTransformer: { InputPathsMap: { id: '$.detail.id' }, InputTemplate: 'order <id>' },
    });
    expect(first).toEqual({ orderId: 'o-1' });
    expect(cloud.dispatcher.invocations[0]?.event).toBe('order o-1');
  });
});
