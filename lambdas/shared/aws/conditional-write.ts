import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';

/**
 * Runs a conditional write and says whether its condition held: false when DynamoDB refused it
 * (ConditionalCheckFailedException), any other error thrown as it is.
 */
export async function conditionally(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * The condition of an optimistic write: the item is still at `expectedVersion` (its `version`
 * attribute), or, for 0, does not exist yet (checked on its key attribute `key`).
 */
export function atVersion(
  key: string,
  expectedVersion: number,
): { ConditionExpression: string; ExpressionAttributeValues?: Record<string, number> } {
  return expectedVersion === 0
    ? { ConditionExpression: `attribute_not_exists(${key})` }
    : {
        ConditionExpression: 'version = :expected',
        ExpressionAttributeValues: { ':expected': expectedVersion },
      };
}
