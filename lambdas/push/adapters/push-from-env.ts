import { fromEnv } from '@aws-sdk/credential-provider-env';
import { documentClient } from '../../shared/aws/clients';
import { integerSetting, readConfig } from '../../shared/config';
import { InternalApiClient } from '../../shared/http/internal-api-client';
import { signedFetch } from '../../shared/http/signed-fetch';
import { PUSH_ENV } from '../contract';
import { DynamoDbConnectionStore } from './dynamodb-connection-store';
import { httpOrderLookup } from './http-order-lookup';

/** The connections table, from the environment (every push function but the authorizer has it). */
export function connectionStoreFromEnv(): DynamoDbConnectionStore {
  const config = readConfig([PUSH_ENV.connectionsTable]);
  return new DynamoDbConnectionStore(documentClient(), config[PUSH_ENV.connectionsTable]);
}

/** The orders service's internal API, signed with the function role's credentials. */
export function orderLookupFromEnv() {
  const config = readConfig([PUSH_ENV.ordersApiUrl, PUSH_ENV.ordersApiTimeoutMs, 'AWS_REGION']);
  const client = new InternalApiClient(
    'orders',
    config[PUSH_ENV.ordersApiUrl],
    integerSetting(PUSH_ENV.ordersApiTimeoutMs, config[PUSH_ENV.ordersApiTimeoutMs], 1),
    signedFetch({ region: config.AWS_REGION, credentials: fromEnv() }),
    (message) => new Error(message),
  );
  return httpOrderLookup(client);
}
