import { type Input, objectList } from '../input';
import { SqsError } from '../sqs-error';

const ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;
const MAX_ENTRIES = 10;

/** Checks the request-level rules every *Batch operation shares; any break fails the whole request. */
export function readBatchEntries(input: Input): Input[] {
  const entries = objectList(input, 'Entries');
  if (entries.length === 0) {
    throw batchError('EmptyBatchRequest', 'There should be at least one entry in the request.');
  }
  if (entries.length > MAX_ENTRIES) {
    throw batchError(
      'TooManyEntriesInBatchRequest',
      `Maximum number of entries per request are ${MAX_ENTRIES}. You have sent ${entries.length}.`,
    );
  }
  const ids = new Set<string>();
  for (const entry of entries) {
    const id = entry.Id;
    if (typeof id !== 'string' || !ENTRY_ID.test(id)) {
      throw batchError(
        'InvalidBatchEntryId',
        'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
      );
    }
    if (ids.has(id)) throw batchError('BatchEntryIdsNotDistinct', `Id ${id} repeated.`);
    ids.add(id);
  }
  return entries;
}

export function batchError(code: string, message: string): SqsError {
  return new SqsError(code, message, 400, `AWS.SimpleQueueService.${code}`);
}

/**
 * Runs one action per entry and collects SQS's `{ Successful, Failed }` answer: an entry that fails is
 * reported with its error code and does not stop the others.
 */
export function runEntries(
  entries: readonly Input[],
  action: (entry: Input) => Record<string, unknown>,
): { Successful: Record<string, unknown>[]; Failed: Record<string, unknown>[] } {
  const result = { Successful: [] as Record<string, unknown>[], Failed: [] as Record<string, unknown>[] };
  for (const entry of entries) {
    const id = entry.Id as string;
    try {
      result.Successful.push({ Id: id, ...action(entry) });
    } catch (error) {
      if (!(error instanceof SqsError)) throw error;
      result.Failed.push({
        Id: id,
        SenderFault: error.statusCode < 500,
        Code: error.code,
        Message: error.message,
      });
    }
  }
  return result;
}
