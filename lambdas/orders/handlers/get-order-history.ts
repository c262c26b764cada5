import { documentClient } from '../../shared/aws/clients';
import { readConfig } from '../../shared/config';
import { DynamoDbEventStore } from '../adapters/dynamodb-event-store';
import { getOrderHistoryHandler } from './get-order-history-handler';

// Composition root: read the environment and build the adapters once per cold start.
const config = readConfig(['EVENT_STORE_TABLE_NAME']);

export const handler = getOrderHistoryHandler({
  eventStore: new DynamoDbEventStore(documentClient(), config.EVENT_STORE_TABLE_NAME),
});
