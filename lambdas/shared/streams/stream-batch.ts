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
