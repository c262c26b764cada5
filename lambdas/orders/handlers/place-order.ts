import { randomUUID } from 'node:crypto';
import { documentClient, dynamoDbClient } from '../../shared/aws/clients';
import { readConfig } from '../../shared/config';
import { DynamoDbEventStore } from '../adapters/dynamodb-event-store';
import { placeOrderHandler } from './place-order-handler';

// Composition root: read the environment and build the adapters once per cold start.
const config = readConfig(['EVENT_STORE_TABLE_NAME', 'IDEMPOTENCY_TABLE_NAME']);
const client = dynamoDbClient();

export const handler = placeOrderHandler({
  eventStore: new DynamoDbEventStore(documentClient(client), config.EVENT_STORE_TABLE_NAME),
  idempotency: { client, tableName: config.IDEMPOTENCY_TABLE_NAME },
  now: () => new Date(),
  newId: randomUUID,
});
