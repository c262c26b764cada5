import type { SqsEventRecord } from './sqs-lambda-event';

/**
 * Which records of a batch failed, from the function's answer under `ReportBatchItemFailures`, following
 * Lambda's documented rules: no answer, an empty object or an empty/null `batchItemFailures` means every
 * record succeeded; an item without a known `itemIdentifier` (null, empty, another key, an id not in the
 * batch) or an answer that is not an object makes the whole batch fail.
 */
export function failedMessageIds(payload: unknown, records: readonly SqsEventRecord[]): 'all' | Set<string> {
  if (payload === null || payload === undefined) return new Set();
  if (typeof payload !== 'object' || Array.isArray(payload)) return 'all';
  const failures = (payload as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === null || failures === undefined) return new Set();
  if (!Array.isArray(failures)) return 'all';
  const inBatch = new Set(records.map((record) => record.messageId));
  const failed = new Set<string>();
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || !inBatch.has(id)) return 'all';
    failed.add(id);
  }
  return failed;
}
