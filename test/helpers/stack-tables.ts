import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../lambdas/shared/aws/clients';
import type { ShopStacks } from '../../lib/shop-app';
import { createTables, type DynamoDbLocal, startDynamoDbLocal, tableNamed } from './dynamodb-local';
import { synthShop } from './synth';

export interface StackTables {
  readonly db: DynamoDbLocal;
  readonly client: DynamoDBDocumentClient;
  /** Every table's name by logical id. */
  readonly tables: Record<string, string>;
  /** The one table whose logical id starts with `prefix`. */
  readonly table: (prefix: string) => string;
}

/**
 * DynamoDB Local with one stack's tables as the synthesized `local` stage defines them (keys, indexes,
 * streams, TTL), named `<stack>-<logicalId>`: what an adapter's integration suite needs, in one call.
 */
export async function startStackTables(stack: keyof ShopStacks): Promise<StackTables> {
  const { app, stacks } = synthShop('local');
  const db = await startDynamoDbLocal();
  const tables = await createTables(
    db.client,
    app.synth().getStackByName(stacks[stack].stackName).template,
    stack,
  );
  return { db, client: documentClient(db.client), tables, table: (prefix) => tableNamed(tables, prefix) };
}
