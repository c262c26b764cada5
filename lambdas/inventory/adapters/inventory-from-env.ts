import { documentClient } from '../../shared/aws/clients';
import { readConfig } from '../../shared/config';
import { DynamoDbInventoryStore } from './dynamodb-inventory-store';

/** The inventory store every inventory function uses, from its environment (read once per cold start). */
export function inventoryFromEnv(): DynamoDbInventoryStore {
  const config = readConfig(['INVENTORY_TABLE_NAME', 'OUTBOX_TABLE_NAME']);
  return new DynamoDbInventoryStore(documentClient(), config.INVENTORY_TABLE_NAME, config.OUTBOX_TABLE_NAME);
}
