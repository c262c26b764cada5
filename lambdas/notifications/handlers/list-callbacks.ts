import { documentClient } from '../../shared/aws/clients';
import { readConfig } from '../../shared/config';
import { DynamoDbCallbackRegistry } from '../adapters/dynamodb-callback-registry';
import { NOTIFICATIONS_ENV } from '../contract';
import { listCallbacksHandler } from './callback-routes';

// Composition root: read the environment and build the adapter once per cold start.
const config = readConfig([NOTIFICATIONS_ENV.callbacksTable]);

export const handler = listCallbacksHandler(
  new DynamoDbCallbackRegistry(documentClient(), config[NOTIFICATIONS_ENV.callbacksTable]),
);
