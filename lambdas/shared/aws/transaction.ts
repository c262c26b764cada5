import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';

/**
 * The indexes of a cancelled transaction's items whose condition failed, or undefined for any other error
 * (a conflict with another transaction, throttling, a validation error): those are not answers, they are
 * thrown on.
 */
export function failedConditions(error: unknown): number[] | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  const reasons = error.CancellationReasons ?? [];
  const failed = reasons.flatMap((reason, index) =>
    reason.Code === 'ConditionalCheckFailed' ? [index] : [],
  );
  return failed.length > 0 ? failed : undefined;
}

/**
 * Runs a transaction whose first item is the one state change it makes (its condition: "not done yet") and
 * the rest go with it (the change's event, the stock it moves). False when that first condition refused
 * it: done already, and nothing was written. Any other refusal is thrown.
 */
export async function transactOnce(
  client: DynamoDBDocumentClient,
  items: NonNullable<TransactWriteCommandInput['TransactItems']>,
): Promise<boolean> {
  try {
    await client.send(new TransactWriteCommand({ TransactItems: items }));
    return true;
  } catch (error) {
    if (failedConditions(error)?.includes(0)) return false;
    throw error;
  }
}
