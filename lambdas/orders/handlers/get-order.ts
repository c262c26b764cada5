import { documentClient } from '../../shared/aws/clients';
import { readConfig } from '../../shared/config';
import { DynamoDbEventStore } from '../adapters/dynamodb-event-store';
import { getOrderHandler } from './get-order-handler';

// Composition root: read the environment and build the adapters once per cold start.
const config = readConfig(['EVENT_STORE_TABLE_NAME']);

export const handler = getOrderHandler({
  eventStore: new DynamoDbEventStore(documentClient(), config.EVENT_STORE_TABLE_NAME),
});
