import { randomUUID } from 'node:crypto';
import { documentClient, dynamoDbClient } from '../../shared/aws/clients';
import { readConfig } from '../../shared/config';
import { orderRepositoryFromEnv } from '../adapters/dynamodb-order-repository';
import { placeOrderHandler } from './place-order-handler';

// Composition root: read the environment and build the adapters once per cold start.
const config = readConfig(['IDEMPOTENCY_TABLE_NAME']);
const client = dynamoDbClient();

export const handler = placeOrderHandler({
  // A new stream is one event and snapshots start at two (stage config), so placing never snapshots.
  orders: orderRepositoryFromEnv(documentClient(client), { writeSnapshots: false }).orders,
  idempotency: { client, tableName: config.IDEMPOTENCY_TABLE_NAME },
  now: () => new Date(),
  newId: randomUUID,
});
