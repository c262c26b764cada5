import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../lambdas/shared/aws/clients';
import { DynamoDbShipmentsStore } from '../../lambdas/shipping/adapters/dynamodb-shipments-store';
import { createTables, type DynamoDbLocal, startDynamoDbLocal, tableNamed } from './dynamodb-local';
import { synthShop } from './synth';

export interface ShippingTables {
  readonly db: DynamoDbLocal;
  readonly client: DynamoDBDocumentClient;
  readonly outboxTable: string;
  readonly store: DynamoDbShipmentsStore;
}

/** DynamoDB Local with the synthesized Shipping stack's tables (Shipments, Outbox), and the store on them. */
export async function startShippingTables(): Promise<ShippingTables> {
  const { app, stacks } = synthShop('local');
  const db = await startDynamoDbLocal();
  const tables = await createTables(
    db.client,
    app.synth().getStackByName(stacks.shipping.stackName).template,
    'shipping',
  );
  const client = documentClient(db.client);
  const outboxTable = tableNamed(tables, 'ShippingEventsOutbox');
  const store = new DynamoDbShipmentsStore(client, tableNamed(tables, 'ShippingShipments'), outboxTable);
  return { db, client, outboxTable, store };
}
