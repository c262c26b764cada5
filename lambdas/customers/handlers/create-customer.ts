import { randomUUID } from 'node:crypto';
import { documentClient, dynamoDbClient } from '../../shared/aws/clients';
import { readConfig } from '../../shared/config';
import { DynamoDbCustomersStore } from '../adapters/dynamodb-customers-store';
import { createCustomerHandler } from './customer-handlers';

// Composition root: read the environment and build the adapters once per cold start.
const config = readConfig(['CUSTOMERS_TABLE_NAME', 'IDEMPOTENCY_TABLE_NAME']);
const client = dynamoDbClient();

export const handler = createCustomerHandler({
  customers: new DynamoDbCustomersStore(documentClient(client), config.CUSTOMERS_TABLE_NAME),
  idempotency: { client, tableName: config.IDEMPOTENCY_TABLE_NAME },
  now: () => new Date(),
  newId: () => randomUUID().replaceAll('-', ''),
});
