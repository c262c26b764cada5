import type { StreamConsumerConfig } from '../../lib/config/stage-config';

/**
 * What every StreamConsumer's event source mapping must say (lib/constructs/stream-consumer.ts): in order,
 * partial batch failures, bisect on error, the stage's retries and record age, its DLQ on failure, and
 * only the stream events it asks for. For `toMatchObject` / `hasResourceProperties`, beside the mapping's
 * function and stream.
 */
export function streamConsumerMapping(
  settings: StreamConsumerConfig,
  dlqId: string,
  eventNames: readonly string[] = ['INSERT'],
) {
  return {
    StartingPosition: 'TRIM_HORIZON',
    BatchSize: settings.batchSize,
    ParallelizationFactor: 1,
    BisectBatchOnFunctionError: true,
    MaximumRetryAttempts: settings.retryAttempts,
    MaximumRecordAgeInSeconds: settings.maxRecordAge.toSeconds(),
    FunctionResponseTypes: ['ReportBatchItemFailures'],
    DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [dlqId, 'Arn'] } } },
    FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ eventName: eventNames }) }] },
  };
}
