import { documentClient, dynamoDbClient } from '../../shared/aws/clients';
import { DynamoDbOrderFacts } from '../../shared/aws/dynamodb-order-facts';
import { integerSetting, readConfig } from '../../shared/config';
import { paymentsFromEnv } from '../adapters/payments-from-env';
import { paymentsConsumer } from './choreography';

// Composition root: the adapters are built once per cold start.
const config = readConfig(['IDEMPOTENCY_TABLE_NAME', 'FACTS_TABLE_NAME', 'CHARGE_ATTEMPTS']);

export const handler = paymentsConsumer(
  { ...paymentsFromEnv(), terms: new DynamoDbOrderFacts(documentClient(), config.FACTS_TABLE_NAME) },
  { chargeAttempts: integerSetting('CHARGE_ATTEMPTS', config.CHARGE_ATTEMPTS, 1) },
  { client: dynamoDbClient(), tableName: config.IDEMPOTENCY_TABLE_NAME, keyPrefix: 'payments-choreography' },
);
