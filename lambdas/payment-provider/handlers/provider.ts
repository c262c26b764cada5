import { documentClient } from '../../shared/aws/clients';
import { readConfig } from '../../shared/config';
import { DynamoDbProviderLedger } from '../adapters/dynamodb-provider-ledger';
import { providerHandler } from './provider-handler';

// Composition root: read the environment and build the adapters once per cold start.
const config = readConfig(['LEDGER_TABLE_NAME', 'ADMIN_ENABLED']);

export const handler = providerHandler({
  ledger: new DynamoDbProviderLedger(documentClient(), config.LEDGER_TABLE_NAME),
  adminEnabled: config.ADMIN_ENABLED === 'true',
  now: () => new Date(),
  random: Math.random,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
});
