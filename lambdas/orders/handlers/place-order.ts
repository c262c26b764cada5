import { randomUUID } from 'node:crypto';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import * as z from 'zod/mini';
import { documentClient, dynamoDbClient } from '../../shared/aws/clients';
import { jsonSecret } from '../../shared/aws/json-secret';
import { integerSetting, oneOf, readConfig } from '../../shared/config';
import { CALLBACK_URL_POLICIES } from '../../shared/http/callback-url-guard';
import { signedFetch } from '../../shared/http/signed-fetch';
import { orderRepositoryFromEnv } from '../adapters/dynamodb-order-repository';
import { HttpCustomerDirectory } from '../adapters/http-customer-directory';
import { CALLBACK_SIGNING_KEY_SECRET_ENV, CALLBACK_URL_POLICY_ENV } from '../contract';
import { placeOrderHandler } from './place-order-handler';

// Composition root: read the environment and build the adapters once per cold start.
const config = readConfig([
  'IDEMPOTENCY_TABLE_NAME',
  'CUSTOMERS_API_URL',
  'CUSTOMERS_API_TIMEOUT_MS',
  'AWS_REGION',
  CALLBACK_SIGNING_KEY_SECRET_ENV,
  CALLBACK_URL_POLICY_ENV,
]);
const client = dynamoDbClient();
const signingKey = jsonSecret(
  config[CALLBACK_SIGNING_KEY_SECRET_ENV],
  z.object({ key: z.string().check(z.minLength(32)) }),
);

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
  callbacks: {
    policy: oneOf(CALLBACK_URL_POLICY_ENV, config[CALLBACK_URL_POLICY_ENV], CALLBACK_URL_POLICIES),
    signingKey: async () => (await signingKey()).key,
  },
  now: () => new Date(),
  newId: randomUUID,
});
