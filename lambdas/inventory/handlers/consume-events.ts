import { dynamoDbClient } from '../../shared/aws/clients';
import { readConfig } from '../../shared/config';
import { inventoryFromEnv } from '../adapters/inventory-from-env';
import { inventoryConsumer } from './choreography';

// Composition root: the adapters are built once per cold start.
const config = readConfig(['IDEMPOTENCY_TABLE_NAME']);

export const handler = inventoryConsumer(
  { inventory: inventoryFromEnv() },
  { client: dynamoDbClient(), tableName: config.IDEMPOTENCY_TABLE_NAME, keyPrefix: 'inventory-choreography' },
);
