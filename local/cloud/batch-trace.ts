import { batchCorrelationIds } from '../console/correlation-id';
import type { TraceInput } from '../console/trace-record';
import type { BatchOutcome, SqsMappingConfig } from '../sqs';
import type { SqsEventRecord } from '../sqs/sqs-lambda-event';
import { functionNameOf, outcomeOf } from './traced-lambda';

/**
 * An SQS event source mapping's batch on the timeline: printed as `--trace` always printed it, recorded
 * with its queue, function, size and outcome, and in the group of every correlation id its messages
 * carry (a batch may gather messages of several requests).
 */
export function batchInput(
  config: Pick<SqsMappingConfig, 'id' | 'queueArn' | 'functionName'>,
  outcome: BatchOutcome,
  handed: readonly SqsEventRecord[],
): TraceInput {
  const correlationIds = batchCorrelationIds(handed);
  const { result } = outcome;
  const failed = outcome.messageIds.length - outcome.deleted.length;
  return {
    kind: 'sqs',
    line: `sqs      ${config.id} -> ${config.functionName}: ${JSON.stringify(outcome)}`,
    fn: functionNameOf(config.functionName),
    queue: config.queueArn.split(':').pop() ?? config.queueArn,
    messageCount: outcome.messageIds.length,
    // No invocation when every message was filtered out: nothing succeeded or failed.
    ...(result
      ? {
          durationMs: result.durationMs,
          outcome:
            !result.ok || failed === 0
              ? outcomeOf(result)
              : `${failed} of ${outcome.messageIds.length} failed`,
        }
      : {}),
    ...(correlationIds.length > 0 ? { correlationId: correlationIds[0], correlationIds } : {}),
  };
}
