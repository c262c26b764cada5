export type { BatchOutcome, MappingOptions, SqsMappingConfig } from './event-source-mapping';
export { SqsEventSourceMapping, sqsMappingsFromResources } from './event-source-mapping';
export type { LocalSqsOptions, ReceiveOptions, SendOptions } from './local-sqs';
export { LocalSqs } from './local-sqs';
export type { MessageAttributes, MessageAttributeValue } from './message-attributes';
export { queuesFromResources } from './queues-from-resources';
export { SqsError } from './sqs-error';
export type { SqsEvent, SqsEventRecord } from './sqs-lambda-event';
export type { SentMessage, SqsQueue } from './sqs-queue';
