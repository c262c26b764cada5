import { parseTableStreamArn, streamMappingsFrom } from '../../../dynamodb-streams';
import type { ResolvedResource } from '../../../model/resolved-resource';

const STREAM_ARN = 'arn:aws:dynamodb:us-east-1:000000000000:table/Orders/stream/2026-01-01T00:00:00.000';

const mapping = (logicalId: string, properties: Record<string, unknown>): ResolvedResource => ({
  stackName: 'Shop',
  logicalId,
  type: 'AWS::Lambda::EventSourceMapping',
  physicalId: logicalId,
  attributes: {},
  properties,
  metadata: {},
});

describe('stream mappings from resolved resources', () => {
  it("applies AWS's defaults and keeps only table stream sources", () => {
    const { mappings, warnings } = streamMappingsFrom([
      mapping('Stream', {
        EventSourceArn: STREAM_ARN,
        FunctionName: 'projector',
        StartingPosition: 'LATEST',
      }),
      mapping('Queue', { EventSourceArn: 'arn:aws:sqs:us-east-1:000000000000:q', FunctionName: 'worker' }),
    ]);
    expect(warnings).toEqual([]);
    expect(mappings).toEqual([
      {
        id: 'Shop/Stream',
        functionName: 'projector',
        functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:projector',
        eventSourceArn: STREAM_ARN,
        tableName: 'Orders',
        region: 'us-east-1',
        enabled: true,
        batchSize: 100,
        maximumBatchingWindowMs: 0,
        startingPosition: 'LATEST',
        filters: [],
        maximumRetryAttempts: -1,
        maximumRecordAgeSeconds: -1,
        bisectBatchOnFunctionError: false,
        reportBatchItemFailures: false,
      },
    ]);
  });

  it('reads every honoured property and reports the ones it runs differently', () => {
    const functionArn = 'arn:aws:lambda:us-east-1:000000000000:function:projector';
    const { mappings, warnings } = streamMappingsFrom([
      mapping('Stream', {
        EventSourceArn: STREAM_ARN,
        FunctionName: functionArn,
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: 10,
        MaximumBatchingWindowInSeconds: 2,
        MaximumRetryAttempts: 3,
        MaximumRecordAgeInSeconds: 60,
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:000000000000:dlq' } },
        FilterCriteria: { Filters: [{ Pattern: '{"eventName":["INSERT"]}' }] },
        ParallelizationFactor: 4,
        Enabled: false,
      }),
    ]);
    expect(mappings[0]).toMatchObject({
      functionArn,
      batchSize: 10,
      maximumBatchingWindowMs: 2000,
      maximumRetryAttempts: 3,
      maximumRecordAgeSeconds: 60,
      bisectBatchOnFunctionError: true,
      reportBatchItemFailures: true,
      onFailureDestination: 'arn:aws:sqs:us-east-1:000000000000:dlq',
      enabled: false,
    });
    expect(mappings[0]?.filters).toHaveLength(1);
    expect(warnings).toEqual(['Shop/Stream: ParallelizationFactor 4 is run as 1']);
  });

  it('rejects a filter pattern AWS would reject, and a missing StartingPosition', () => {
    expect(() =>
      streamMappingsFrom([
        mapping('Bad', {
          EventSourceArn: STREAM_ARN,
          FunctionName: 'f',
          StartingPosition: 'LATEST',
          FilterCriteria: { Filters: [{ Pattern: '{"eventName":"INSERT"}' }] },
        }),
      ]),
    ).toThrow();
    expect(() =>
      streamMappingsFrom([mapping('NoStart', { EventSourceArn: STREAM_ARN, FunctionName: 'f' })]),
    ).toThrow(/StartingPosition/);
  });

  it('parses table stream ARNs only', () => {
    expect(parseTableStreamArn(STREAM_ARN)).toEqual({
      region: 'us-east-1',
      accountId: '000000000000',
      tableName: 'Orders',
      label: '2026-01-01T00:00:00.000',
    });
    expect(parseTableStreamArn('arn:aws:kinesis:us-east-1:000000000000:stream/s')).toBeUndefined();
    expect(parseTableStreamArn('arn:aws:dynamodb:us-east-1:000000000000:table/Orders')).toBeUndefined();
  });
});
