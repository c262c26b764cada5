import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { integerSetting, readConfig } from '../../shared/config';
import { logger } from '../../shared/logger';
import type { Order } from '../domain/order';
import { OrderRepository } from '../use-cases/order-repository';
import { DynamoDbEventStore } from './dynamodb-event-store';
import { DynamoDbSnapshotStore } from './dynamodb-snapshot-store';

export const REPOSITORY_SETTINGS = [
  'EVENT_STORE_TABLE_NAME',
  'SNAPSHOTS_TABLE_NAME',
  'SNAPSHOT_EVERY',
] as const;

export interface OrderTables {
  readonly eventStoreTable: string;
  readonly snapshotsTable: string;
  readonly snapshotEvery: number;
}

/** The DynamoDB event store and the repository over it. */
export function dynamoDbOrderRepository(
  client: DynamoDBDocumentClient,
  tables: OrderTables,
  options: { readonly writeSnapshots: boolean },
): { eventStore: DynamoDbEventStore; orders: OrderRepository } {
  const eventStore = new DynamoDbEventStore(client, tables.eventStoreTable);
  const orders = new OrderRepository(
    eventStore,
    new DynamoDbSnapshotStore<Order>(client, tables.snapshotsTable),
    {
      snapshotEvery: tables.snapshotEvery,
      writeSnapshots: options.writeSnapshots,
      onSnapshotError: (error, orderId) =>
        logger.warn('snapshot not saved', { orderId, error: error as Error }),
    },
  );
  return { eventStore, orders };
}

/** The same, from the environment every orders function that loads orders shares. */
export function orderRepositoryFromEnv(
  client: DynamoDBDocumentClient,
  options: { readonly writeSnapshots: boolean },
): { eventStore: DynamoDbEventStore; orders: OrderRepository } {
  const config = readConfig(REPOSITORY_SETTINGS);
  const tables = {
    eventStoreTable: config.EVENT_STORE_TABLE_NAME,
    snapshotsTable: config.SNAPSHOTS_TABLE_NAME,
    snapshotEvery: integerSetting('SNAPSHOT_EVERY', config.SNAPSHOT_EVERY),
  };
  return dynamoDbOrderRepository(client, tables, options);
}
