import { documentClient } from '../../shared/aws/clients';
import { readConfig } from '../../shared/config';
import { DynamoDbCustomersStore } from '../adapters/dynamodb-customers-store';
import { getCustomerHandler } from './customer-handlers';

// Composition root: read the environment and build the adapters once per cold start.
const config = readConfig(['CUSTOMERS_TABLE_NAME']);

export const handler = getCustomerHandler({
  customers: new DynamoDbCustomersStore(documentClient(), config.CUSTOMERS_TABLE_NAME),
});
