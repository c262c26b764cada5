import { type Destinations, sendToDestination, unsupportedDestinations } from '../../../cloud/destinations';
import type { ResolvedResource } from '../../../model/resolved-resource';

const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:worker:$LATEST';
const record = (condition: string) => ({
  version: '1.0',
  requestContext: { requestId: 'r-1', functionArn: FUNCTION_ARN, condition, approximateInvokeCount: 1 },
  requestPayload: { orderId: 'o-1' },
});

/** Destinations that only record what they are given. */
function recordingDestinations() {
  const calls: Array<[string, ...unknown[]]> = [];
  const targets = {
    sqs: { send: (...args: unknown[]) => void calls.push(['sqs', ...args]) },
    sns: { publish: (...args: unknown[]) => void calls.push(['sns', ...args]) },
    events: { handle: async (...args: unknown[]) => void calls.push(['events', ...args]) },
    lambda: { invokeAsync: async (...args: unknown[]) => void calls.push(['lambda', ...args]) },
  } as unknown as Destinations;
  return { targets, calls };
}

describe('a destination', () => {
  it('of a success is an event from source lambda with the record as its detail', async () => {
    const { targets, calls } = recordingDestinations();
    const bus = 'arn:aws:events:us-east-1:000000000000:event-bus/done';

    await sendToDestination(targets, bus, record('Success'));
    await sendToDestination(targets, bus, record('RetriesExhausted'));

    expect(calls).toEqual(
      ['Success', 'Failure'].map((outcome, index) => [
        'events',
        'PutEvents',
        {
          Entries: [
            {
              EventBusName: bus,
              Source: 'lambda',
              DetailType: `Lambda Function Invocation Result - ${outcome}`,
              Resources: [bus, FUNCTION_ARN],
              Detail: JSON.stringify(record(index === 0 ? 'Success' : 'RetriesExhausted')),
            },
          ],
        },
      ]),
    );
  });

  it('that is a queue gets the record as the body, a function gets it as its event', async () => {
    const { targets, calls } = recordingDestinations();
    const queue = 'arn:aws:sqs:us-east-1:000000000000:done';
    const fn = 'arn:aws:lambda:us-east-1:000000000000:function:audit';

    await sendToDestination(targets, queue, record('Success'));
    await sendToDestination(targets, fn, record('Success'));

    expect(calls).toEqual([
      ['sqs', queue, JSON.stringify(record('Success'))],
      ['lambda', fn, record('Success')],
    ]);
  });

  it('that is an SNS topic gets the record as the message', async () => {
    const { targets, calls } = recordingDestinations();
    const topic = 'arn:aws:sns:us-east-1:000000000000:done';

    await sendToDestination(targets, topic, record('RetriesExhausted'));

    expect(calls).toEqual([['sns', topic, { Message: JSON.stringify(record('RetriesExhausted')) }]]);
  });

  it('that is an S3 bucket fails: the record is dropped, and the start names the bucket once', async () => {
    const { targets, calls } = recordingDestinations();
    const bucket = 'arn:aws:s3:::failures';
    const config = (type: string, DestinationConfig: unknown): ResolvedResource => ({
      stackName: 'S',
      logicalId: type.split('::')[2] ?? type,
      type,
      physicalId: 'x',
      attributes: {},
      properties: { DestinationConfig },
      metadata: {},
    });

    await expect(sendToDestination(targets, bucket, record('Success'))).rejects.toThrow(
      's3 destinations are not emulated',
    );
    expect(calls).toEqual([]);
    expect(
      unsupportedDestinations([
        config('AWS::Lambda::EventInvokeConfig', {
          OnSuccess: { Destination: bucket },
          OnFailure: { Destination: 'arn:aws:sns:us-east-1:000000000000:failures' },
        }),
        config('AWS::Lambda::EventSourceMapping', { OnFailure: { Destination: bucket } }),
        config('AWS::Lambda::Function', { OnFailure: { Destination: bucket } }),
      ]),
    ).toEqual([
      `S/EventInvokeConfig: the OnSuccess destination ${bucket} gets no records (s3 is not emulated)`,
      `S/EventSourceMapping: the OnFailure destination ${bucket} gets no records (s3 is not emulated)`,
    ]);
  });
});
