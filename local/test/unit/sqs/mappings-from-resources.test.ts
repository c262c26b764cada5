import type { ResolvedResource } from '../../../model/resolved-resource';
import { sqsMappingsFromResources } from '../../../sqs/event-source-mapping';

const mapping = (logicalId: string, properties: Record<string, unknown>): ResolvedResource => ({
  stackName: 'Stack',
  logicalId,
  type: 'AWS::Lambda::EventSourceMapping',
  physicalId: `${logicalId}-uuid`,
  attributes: {},
  properties,
  metadata: {},
});

describe('sqsMappingsFromResources', () => {
  it('reads SQS mappings with Lambda’s defaults and leaves stream mappings alone', () => {
    const { mappings, warnings } = sqsMappingsFromResources([
      mapping('Defaults', { EventSourceArn: 'arn:aws:sqs:us-east-1:000000000000:q', FunctionName: 'fn' }),
      mapping('Tuned', {
        EventSourceArn: 'arn:aws:sqs:us-east-1:000000000000:q2',
        FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:fn2',
        BatchSize: 25,
        MaximumBatchingWindowInSeconds: 3,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: 2 },
        Enabled: false,
        FilterCriteria: { Filters: [{ Pattern: '{"body":{"a":[1]}}' }] },
      }),
      mapping('Stream', {
        EventSourceArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/2024',
        FunctionName: 'fn',
      }),
    ]);
    expect(mappings).toEqual([
      {
        id: 'Stack/Defaults',
        queueArn: 'arn:aws:sqs:us-east-1:000000000000:q',
        functionName: 'fn',
        batchSize: 10,
        maximumBatchingWindowSeconds: 0,
        reportBatchItemFailures: false,
        maximumConcurrency: undefined,
        enabled: true,
      },
      {
        id: 'Stack/Tuned',
        queueArn: 'arn:aws:sqs:us-east-1:000000000000:q2',
        functionName: 'arn:aws:lambda:us-east-1:000000000000:function:fn2',
        batchSize: 25,
        maximumBatchingWindowSeconds: 3,
        reportBatchItemFailures: true,
        maximumConcurrency: 2,
        enabled: false,
        filters: expect.objectContaining({ accepts: expect.any(Function) }),
      },
    ]);
    expect(warnings).toEqual([]);
  });

  it('refuses a FilterCriteria pattern AWS would refuse, naming the mapping and the filter', () => {
    expect(() =>
      sqsMappingsFromResources([
        mapping('Bad', {
          EventSourceArn: 'arn:aws:sqs:us-east-1:000000000000:q',
          FunctionName: 'fn',
          FilterCriteria: { Filters: [{ Pattern: '{"body":{"a":[1]}}' }, { Pattern: '{"body":{"a":1}}' }] },
        }),
      ]),
    ).toThrow(/^Stack\/Bad: FilterCriteria.Filters\[1\] is not a valid pattern/);
  });
});
