import { randomUUID } from 'node:crypto';
import { documentClient, dynamoDbClient } from '../../shared/aws/clients';
import { readConfig } from '../../shared/config';
import { orderRepositoryFromEnv } from '../adapters/dynamodb-order-repository';
import { ordersConsumer } from './choreography';

// Composition root: the adapters are built once per cold start.
const config = readConfig(['IDEMPOTENCY_TABLE_NAME']);

export const handler = ordersConsumer(
  {
    orders: orderRepositoryFromEnv(documentClient(), { writeSnapshots: true }).orders,
    now: () => new Date(),
    newId: randomUUID,
  },
  { client: dynamoDbClient(), tableName: config.IDEMPOTENCY_TABLE_NAME, keyPrefix: 'orders-choreography' },
);
