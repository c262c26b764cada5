import {
  EventBridgeServiceException,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { functionArn, rule, startEventBridge, type TestCloud } from './eventbridge-test-kit';

const HANDLER = functionArn('handler');
let cloud: TestCloud;

beforeEach(async () => {
  cloud = await startEventBridge([
    rule('All', { EventPattern: { source: [{ prefix: '' }] }, Targets: [{ Id: 'fn', Arn: HANDLER }] }),
  ]);
});

afterEach(() => cloud.close());

const valid: PutEventsRequestEntry = {
  Source: 'shop.orders',
  DetailType: 'OrderPlaced',
  Detail: '{"id":"o-1"}',
};

describe('PutEvents', () => {
  it('fails bad entries one by one and delivers the others (partial failure)', async () => {
    const result = await cloud.client.send(
      new PutEventsCommand({
        Entries: [
          valid,
          { ...valid, Detail: '{not json' },
          { ...valid, Detail: '[1,2]' },
          { Source: 'shop.orders', Detail: '{}' },
          { ...valid, EventBusName: 'nowhere' },
          { ...valid, Detail: '{"id":"o-2"}' },
        ],
      }),
    );
    await cloud.service.drain();

    expect(result.FailedEntryCount).toBe(4);
    expect(result.Entries).toEqual([
      { EventId: expect.any(String) },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      {
        ErrorCode: 'InvalidArgument',
        ErrorMessage: 'Parameter DetailType is not valid. Reason: DetailType is a required argument.',
      },
      { ErrorCode: 'ResourceNotFoundException', ErrorMessage: 'Event bus nowhere does not exist.' },
      { EventId: expect.any(String) },
    ]);
    expect(cloud.dispatcher.invocations.map((call) => call.event)).toEqual([
      expect.objectContaining({ detail: { id: 'o-1' } }),
      expect.objectContaining({ detail: { id: 'o-2' } }),
    ]);
  });

  it('rejects a request with more than 10 entries as a whole', async () => {
    const request = new PutEventsCommand({ Entries: Array.from({ length: 11 }, () => valid) });
    await expect(cloud.client.send(request)).rejects.toMatchObject({
      name: 'ValidationException',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(cloud.client.send(request)).rejects.toBeInstanceOf(EventBridgeServiceException);
    expect(cloud.dispatcher.attempts).toEqual([]);
  });

  it('uses the current time when the entry has none', async () => {
    const before = Date.now() - 1000;
    await cloud.client.send(new PutEventsCommand({ Entries: [valid] }));
    await cloud.service.drain();
    const event = cloud.dispatcher.invocations[0]?.event as { time: string };
    expect(event.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(event.time)).toBeGreaterThanOrEqual(before);
  });
});
