import { dynamoDbClient } from '../../shared/aws/clients';
import { readConfig } from '../../shared/config';
import { labelRequestsFromEnv } from '../adapters/labels-from-env';
import { labelRequester } from './labels';

// Composition root: the adapters are built once per cold start.
const config = readConfig(['IDEMPOTENCY_TABLE_NAME']);

export const handler = labelRequester(labelRequestsFromEnv(), {
  client: dynamoDbClient(),
  tableName: config.IDEMPOTENCY_TABLE_NAME,
  keyPrefix: 'shipping-label-requests',
});
