import { randomUUID } from 'node:crypto';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { documentClient, dynamoDbClient } from '../../shared/aws/clients';
import { integerSetting, readConfig } from '../../shared/config';
import { signedFetch } from '../../shared/http/signed-fetch';
import { orderRepositoryFromEnv } from '../adapters/dynamodb-order-repository';
import { HttpCustomerDirectory } from '../adapters/http-customer-directory';
import { placeOrderHandler } from './place-order-handler';

// Composition root: read the environment and build the adapters once per cold start.
const config = readConfig([
  'IDEMPOTENCY_TABLE_NAME',
  'CUSTOMERS_API_URL',
  'CUSTOMERS_API_TIMEOUT_MS',
  'AWS_REGION',
]);
const client = dynamoDbClient();

export const handler = placeOrderHandler({
  // A new stream is one event and snapshots start at two (stage config), so placing never snapshots.
  orders: orderRepositoryFromEnv(documentClient(client), { writeSnapshots: false }).orders,
  customers: new HttpCustomerDirectory(
    config.CUSTOMERS_API_URL,
    integerSetting('CUSTOMERS_API_TIMEOUT_MS', config.CUSTOMERS_API_TIMEOUT_MS, 1),
    // Signed with the function role's credentials: the customers API lets in only callers granted it.
    signedFetch({ region: config.AWS_REGION, credentials: fromEnv() }),
  ),
  idempotency: { client, tableName: config.IDEMPOTENCY_TABLE_NAME },
  now: () => new Date(),
  newId: randomUUID,
});
