import { documentClient } from '../../shared/aws/clients';
import { readConfig } from '../../shared/config';
import { DynamoDbShipmentsStore } from './dynamodb-shipments-store';

/** The shipments store every shipping function uses, from its environment. */
export function shipmentsFromEnv(): DynamoDbShipmentsStore {
  const config = readConfig(['SHIPMENTS_TABLE_NAME', 'OUTBOX_TABLE_NAME']);
  return new DynamoDbShipmentsStore(documentClient(), config.SHIPMENTS_TABLE_NAME, config.OUTBOX_TABLE_NAME);
}
