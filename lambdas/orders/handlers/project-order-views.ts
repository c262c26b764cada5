import { documentClient } from '../../shared/aws/clients';
import { readConfig } from '../../shared/config';
import { DynamoDbEventStore } from '../adapters/dynamodb-event-store';
import { DynamoDbOrderViews } from '../adapters/dynamodb-order-views';
import { projectOrderViewsHandler } from './project-order-views-handler';

// Composition root: read the environment and build the adapters once per cold start.
const config = readConfig(['EVENT_STORE_TABLE_NAME', 'ORDER_VIEWS_TABLE_NAME']);
const client = documentClient();

export const handler = projectOrderViewsHandler({
  views: new DynamoDbOrderViews(client, config.ORDER_VIEWS_TABLE_NAME),
  eventStore: new DynamoDbEventStore(client, config.EVENT_STORE_TABLE_NAME),
});
