import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const MAX_KEYS_PER_REQUEST = 100;
const MAX_UNPROCESSED_ROUNDS = 8;

/**
 * Every item of `keys` that exists, however many keys: BatchGetItem 100 keys at a time, asking again for
 * what DynamoDB left unprocessed (it may, under load), so a missing item always means it does not exist.
 */
export async function batchGetAll(
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly Record<string, unknown>[],
  options: { readonly consistent?: boolean; readonly projection?: string } = {},
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (let start = 0; start < keys.length; start += MAX_KEYS_PER_REQUEST) {
    let pending = keys.slice(start, start + MAX_KEYS_PER_REQUEST);
    for (let round = 0; pending.length > 0; round++) {
      if (round === MAX_UNPROCESSED_ROUNDS)
        throw new Error(`BatchGetItem left ${pending.length} keys unprocessed.`);
      const result = await client.send(
        new BatchGetCommand({
          RequestItems: {
            [tableName]: {
              Keys: pending,
              ConsistentRead: options.consistent ?? false,
              ...(options.projection ? { ProjectionExpression: options.projection } : {}),
            },
          },
        }),
      );
      items.push(...(result.Responses?.[tableName] ?? []));
      pending = result.UnprocessedKeys?.[tableName]?.Keys ?? [];
    }
  }
  return items;
}
