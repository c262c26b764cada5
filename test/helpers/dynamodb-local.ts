import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DEFAULT_LOCAL_CREDENTIALS,
  type DynamoDbLocal,
  ensureTables,
  startDynamoDbLocal as start,
  tableDefinitions,
} from '@shop/local-cloud';

/**
 * DynamoDB Local for tests: in memory, on a free port, one instance per test file, so suites never share
 * tables or collide on ports. The process itself is the local cloud's (local/dynamodb/).
 */
export type { DynamoDbLocal };
export const LOCAL_CREDENTIALS = DEFAULT_LOCAL_CREDENTIALS;
export const LOCAL_REGION = 'us-east-1';

export function startDynamoDbLocal(): Promise<DynamoDbLocal> {
  return start({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
}

/** Creates the template's tables under `<prefix>-<logicalId>`; returns the name of each by logical id. */
export async function createTables(
  client: DynamoDBClient,
  template: object,
  prefix: string,
): Promise<Record<string, string>> {
  const definitions = tableDefinitions(template, (logicalId) => `${prefix}-${logicalId}`);
  await ensureTables(client, definitions);
  return Object.fromEntries(definitions.map((d) => [d.logicalId, d.create.TableName as string]));
}

/**
 * The name of the one table whose logical id starts with `prefix` (CDK appends a hash to logical ids),
 * from what `createTables` returned; a missing table is an error, not an empty name.
 */
export function tableNamed(tables: Record<string, string>, prefix: string): string {
  const matches = Object.entries(tables).filter(([logicalId]) => logicalId.startsWith(prefix));
  if (matches.length !== 1) throw new Error(`Expected one table ${prefix}*, found ${matches.length}`);
  return (matches[0] as [string, string])[1];
}
