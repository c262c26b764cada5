import { compileEventPattern } from '../eventbridge/pattern';
import type { ResolvedResource } from '../model/resolved-resource';
import { parseTableStreamArn } from './stream-arn';
import type { StartingPosition, StreamMappingDefinition } from './types';

export interface StreamMappings {
  readonly mappings: StreamMappingDefinition[];
  /** Properties the local poller accepts but does not honour, one message each, to report at start. */
  readonly warnings: string[];
}

/**
 * The event source mappings among the resolved resources that read a DynamoDB table stream (mappings of
 * SQS queues or Kinesis streams are someone else's). A FilterCriteria pattern AWS would reject fails here,
 * as CloudFormation would fail the deployment.
 */
export function streamMappingsFrom(resources: readonly ResolvedResource[]): StreamMappings {
  const mappings: StreamMappingDefinition[] = [];
  const warnings: string[] = [];
  for (const resource of resources) {
    if (resource.type !== 'AWS::Lambda::EventSourceMapping') continue;
    const sourceArn = resource.properties.EventSourceArn;
    if (typeof sourceArn !== 'string' || !parseTableStreamArn(sourceArn)) continue;
    const id = `${resource.stackName}/${resource.logicalId}`;
    mappings.push(toStreamMapping(id, resource.properties));
    warnings.push(...unhonoured(id, resource.properties));
  }
  return { mappings, warnings };
}

/** One mapping's definition from its resolved properties, with AWS's defaults. */
export function toStreamMapping(
  id: string,
  props: Readonly<Record<string, unknown>>,
): StreamMappingDefinition {
  const eventSourceArn = String(props.EventSourceArn);
  const arn = parseTableStreamArn(eventSourceArn);
  if (!arn) throw new Error(`${id}: EventSourceArn ${eventSourceArn} is not a DynamoDB table stream`);
  const functionName = String(props.FunctionName);
  const destination = (props.DestinationConfig as { OnFailure?: { Destination?: unknown } } | undefined)
    ?.OnFailure?.Destination;
  const filters = (props.FilterCriteria as { Filters?: Array<{ Pattern?: unknown }> } | undefined)?.Filters;
  return {
    id,
    functionName,
    functionArn: functionName.startsWith('arn:')
      ? functionName
      : `arn:aws:lambda:${arn.region}:${arn.accountId}:function:${functionName}`,
    eventSourceArn,
    tableName: arn.tableName,
    region: arn.region,
    enabled: props.Enabled !== false && props.Enabled !== 'false',
    batchSize: numberOr(props.BatchSize, 100),
    maximumBatchingWindowMs: numberOr(props.MaximumBatchingWindowInSeconds, 0) * 1000,
    startingPosition: startingPosition(id, props.StartingPosition),
    filters: (filters ?? []).map((filter) => compileEventPattern(filter.Pattern as string | object)),
    maximumRetryAttempts: numberOr(props.MaximumRetryAttempts, -1),
    maximumRecordAgeSeconds: numberOr(props.MaximumRecordAgeInSeconds, -1),
    bisectBatchOnFunctionError: props.BisectBatchOnFunctionError === true,
    reportBatchItemFailures:
      Array.isArray(props.FunctionResponseTypes) &&
      props.FunctionResponseTypes.includes('ReportBatchItemFailures'),
    ...(typeof destination === 'string' ? { onFailureDestination: destination } : {}),
  };
}

function unhonoured(id: string, props: Readonly<Record<string, unknown>>): string[] {
  const warnings: string[] = [];
  if (numberOr(props.ParallelizationFactor, 1) > 1) {
    warnings.push(`${id}: ParallelizationFactor ${String(props.ParallelizationFactor)} is run as 1`);
  }
  if (props.TumblingWindowInSeconds !== undefined) {
    warnings.push(`${id}: TumblingWindowInSeconds is not supported; records are delivered without windows`);
  }
  return warnings;
}

function startingPosition(id: string, value: unknown): StartingPosition {
  if (value === 'TRIM_HORIZON' || value === 'LATEST') return value;
  // StartingPosition is required for stream sources; CloudFormation would refuse the mapping without it.
  throw new Error(`${id}: StartingPosition must be TRIM_HORIZON or LATEST, got ${String(value)}`);
}

/** CloudFormation passes numbers through, but a resolved Fn::Sub or parameter may make them strings. */
function numberOr(value: unknown, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const number = Number(value);
  return Number.isFinite(number) ? number : fallback;
}
