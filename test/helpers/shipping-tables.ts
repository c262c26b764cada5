import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbShipmentsStore } from '../../lambdas/shipping/adapters/dynamodb-shipments-store';
import type { DynamoDbLocal } from './dynamodb-local';
import { startStackTables } from './stack-tables';

export interface ShippingTables {
  readonly db: DynamoDbLocal;
  readonly client: DynamoDBDocumentClient;
  readonly outboxTable: string;
  readonly store: DynamoDbShipmentsStore;
}

/** DynamoDB Local with the synthesized Shipping stack's tables (Shipments, Outbox), and the store on them. */
export async function startShippingTables(): Promise<ShippingTables> {
  const { db, client, table } = await startStackTables('shipping');
  const outboxTable = table('ShippingEventsOutbox');
  const store = new DynamoDbShipmentsStore(client, table('ShippingShipments'), outboxTable);
  return { db, client, outboxTable, store };
}
