/**
 * DynamoDB Streams -> Lambda event source mappings for the local cloud: the mappings from the resolved
 * template, polled against DynamoDB Local's real streams. See README.md for what differs from AWS.
 */
export { type StreamMappings, streamMappingsFrom, toStreamMapping } from './mapping-definitions';
export { latestStreamArn, parseTableStreamArn } from './stream-arn';
export { fileCheckpoints, inMemoryCheckpoints, type StreamCheckpoints } from './stream-checkpoints';
export { DynamoDbStreamEventSources, type DynamoDbStreamEventSourcesOptions } from './stream-event-sources';
export type {
  DynamoDbStreamLambdaEvent,
  DynamoDbStreamLambdaRecord,
  OnStreamFailure,
  StreamFailureRecord,
  StreamMappingDefinition,
} from './types';
