import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';

/**
 * Partial batch responses for DynamoDB stream consumers (`ReportBatchItemFailures`). Lambda checkpoints a
 * stream before the lowest failed sequence number and redelivers from there, so in-order processing needs
 * only the earliest failure; records after it come again, which every consumer here tolerates (they are
 * idempotent by version or by event id). Powertools' BatchProcessor works record by record; these consumers
 * work on the whole batch at once (one read per batch, ten entries per PutEvents), hence this small helper.
 */
export function failedFrom(
  records: readonly DynamoDBRecord[],
  failed: ReadonlySet<DynamoDBRecord>,
): DynamoDBBatchResponse {
  const first = records.find((record) => failed.has(record));
  const sequenceNumber = first?.dynamodb?.SequenceNumber;
  return { batchItemFailures: sequenceNumber === undefined ? [] : [{ itemIdentifier: sequenceNumber }] };
}

/** A batch's records read into what each stands for, and the records that stand for nothing (poison). */
export interface ReadRecords<T> {
  readonly items: { readonly record: DynamoDBRecord; readonly item: T }[];
  readonly unreadable: DynamoDBRecord[];
}

/** Reads each record with `read`; a record it makes nothing of (undefined) is unreadable. */
export function readRecords<T>(
  records: readonly DynamoDBRecord[],
  read: (record: DynamoDBRecord) => T | undefined,
): ReadRecords<T> {
  const items: ReadRecords<T>['items'] = [];
  const unreadable: DynamoDBRecord[] = [];
  for (const record of records) {
    const item = read(record);
    if (item === undefined) unreadable.push(record);
    else items.push({ record, item });
  }
  return { items, unreadable };
}

/** The records of a read batch that did not go through: every unreadable one, and those of `failed` items. */
export function recordsOf<T>(batch: ReadRecords<T>, failed: readonly T[]): Set<DynamoDBRecord> {
  const failedItems = new Set(failed);
  return new Set([
    ...batch.unreadable,
    ...batch.items.filter(({ item }) => failedItems.has(item)).map(({ record }) => record),
  ]);
}
