import { randomUUID } from 'node:crypto';
import type { PolledRecord, StreamFailureRecord } from './types';

export interface FailureContext {
  readonly functionArn: string;
  readonly streamArn: string;
  readonly shardId: string;
  readonly condition: StreamFailureRecord['requestContext']['condition'];
  readonly invokeCount: number;
  /** The last invocation's function error, if the function ran and failed. */
  readonly functionError?: string;
}

/** The record Lambda sends to the on-failure destination for a discarded batch of a stream. */
export function failureRecord(batch: readonly PolledRecord[], context: FailureContext): StreamFailureRecord {
  const first = batch[0];
  const last = batch[batch.length - 1];
  if (!first || !last) throw new Error('A failure record needs at least one record');
  return {
    requestContext: {
      requestId: randomUUID(),
      // Lambda reports the function's ARN without a qualifier for stream sources.
      functionArn: context.functionArn,
      condition: context.condition,
      approximateInvokeCount: context.invokeCount,
    },
    ...(context.invokeCount > 0
      ? {
          responseContext: {
            statusCode: 200,
            executedVersion: '$LATEST',
            ...(context.functionError ? { functionError: context.functionError } : {}),
          },
        }
      : {}),
    version: '1.0',
    timestamp: new Date().toISOString(),
    DDBStreamBatchInfo: {
      shardId: context.shardId,
      startSequenceNumber: first.record.dynamodb.SequenceNumber,
      endSequenceNumber: last.record.dynamodb.SequenceNumber,
      approximateArrivalOfFirstRecord: wholeSeconds(first.record.dynamodb.ApproximateCreationDateTime),
      approximateArrivalOfLastRecord: wholeSeconds(last.record.dynamodb.ApproximateCreationDateTime),
      batchSize: batch.length,
      streamArn: context.streamArn,
    },
  };
}

/** `2025-06-05T18:21:49Z`: AWS writes these times without milliseconds. */
function wholeSeconds(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
