import { documentClient } from '../../shared/aws/clients';
import { jsonSecret } from '../../shared/aws/json-secret';
import { readConfig } from '../../shared/config';
import { DynamoDbProviderLedger } from '../adapters/dynamodb-provider-ledger';
import { issuedKeySchema } from '../schemas/issued-key';
import { providerHandler } from './provider-handler';

// Composition root: read the environment and build the adapters once per cold start.
const config = readConfig(['LEDGER_TABLE_NAME', 'ADMIN_ENABLED', 'ISSUED_KEY_SECRET_ARN']);
const issuedKey = jsonSecret(config.ISSUED_KEY_SECRET_ARN, issuedKeySchema);

export const handler = providerHandler({
  ledger: new DynamoDbProviderLedger(documentClient(), config.LEDGER_TABLE_NAME),
  adminEnabled: config.ADMIN_ENABLED === 'true',
  apiKey: async () => (await issuedKey()).apiKey,
  now: () => new Date(),
  random: Math.random,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
});
