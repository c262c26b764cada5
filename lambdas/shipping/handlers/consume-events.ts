import { documentClient, dynamoDbClient } from '../../shared/aws/clients';
import { DynamoDbOrderFacts } from '../../shared/aws/dynamodb-order-facts';
import { readConfig } from '../../shared/config';
import { shipmentsFromEnv } from '../adapters/shipments-from-env';
import { shippingConsumer } from './choreography';

// Composition root: the adapters are built once per cold start.
const config = readConfig(['IDEMPOTENCY_TABLE_NAME', 'FACTS_TABLE_NAME']);

export const handler = shippingConsumer(
  { shipments: shipmentsFromEnv(), terms: new DynamoDbOrderFacts(documentClient(), config.FACTS_TABLE_NAME) },
  { client: dynamoDbClient(), tableName: config.IDEMPOTENCY_TABLE_NAME, keyPrefix: 'shipping-choreography' },
);
