import {
  CreateTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type { TableDefinition } from './table-definitions';

/**
 * Creates each table unless it already exists (a persistent data directory keeps tables across
 * restarts), then turns on its TTL attribute. Returns the names it created.
 */
export async function ensureTables(
  client: DynamoDBClient,
  definitions: readonly TableDefinition[],
): Promise<string[]> {
  const created: string[] = [];
  for (const definition of definitions) {
    const name = definition.create.TableName as string;
    try {
      await client.send(new CreateTableCommand(definition.create));
      created.push(name);
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
      continue;
    }
    if (definition.timeToLiveAttribute) {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: name,
          TimeToLiveSpecification: { AttributeName: definition.timeToLiveAttribute, Enabled: true },
        }),
      );
    }
  }
  return created;
}
