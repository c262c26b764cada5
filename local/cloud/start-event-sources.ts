import * as path from 'node:path';
import type { DynamoDbLocal } from '../dynamodb/dynamodb-local';
import { DEFAULT_LOCAL_CREDENTIALS } from '../dynamodb/dynamodb-local';
import {
  DynamoDbStreamEventSources,
  fileCheckpoints,
  type OnStreamFailure,
  streamMappingsFrom,
} from '../dynamodb-streams';
import type { LambdaService } from '../lambda/types';
import { LOCAL_REGION } from '../model/resolved-resource';
import { type LocalSqs, SqsEventSourceMapping, sqsMappingsFromResources } from '../sqs';
import { batchInput } from './batch-trace';
import { type CloudContext, traced } from './cloud-context';

/** Lambda's pollers: SQS queues and DynamoDB streams feeding their functions, as the templates map them. */
export async function startEventSources(
  context: CloudContext,
  lambda: LambdaService,
  sqs: LocalSqs,
  db: DynamoDbLocal,
  /** Delivers a discarded batch's record to the mapping's on-failure destination. */
  onFailure: OnStreamFailure,
): Promise<void> {
  const { resources, warnings, stoppers, record } = context;

  const queueMappings = sqsMappingsFromResources(resources);
  warnings.push(...queueMappings.warnings);
  for (const config of queueMappings.mappings) {
    const mapping = new SqsEventSourceMapping(config, {
      sqs,
      lambda,
      ...(context.beforeBatch ? { beforeBatch: context.beforeBatch } : {}),
      ...(record ? { onBatch: (outcome, handed) => record(batchInput(config, outcome, handed)) } : {}),
    });
    mapping.start();
    stoppers.add(() => mapping.stop());
  }

  const streamMappings = streamMappingsFrom(resources);
  warnings.push(...streamMappings.warnings);
  const streams = new DynamoDbStreamEventSources({
    mappings: streamMappings.mappings,
    lambda,
    endpoint: db.endpoint,
    region: LOCAL_REGION,
    credentials: DEFAULT_LOCAL_CREDENTIALS,
    onFailure,
    ...(context.beforeBatch ? { beforeBatch: context.beforeBatch } : {}),
    // With a data directory, a restart reads on after each mapping's checkpoints: nothing is replayed.
    ...(context.dataDir ? { checkpoints: fileCheckpoints(path.join(context.dataDir, 'streams')) } : {}),
    ...traced(context, 'onTrace', 'streams'),
  });
  await streams.start();
  stoppers.add(() => streams.stop());
}
