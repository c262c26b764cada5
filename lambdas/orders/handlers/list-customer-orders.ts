import { documentClient } from '../../shared/aws/clients';
import { readConfig } from '../../shared/config';
import { DynamoDbOrderViews } from '../adapters/dynamodb-order-views';
import { listCustomerOrdersHandler } from './list-customer-orders-handler';

// Composition root: read the environment and build the adapters once per cold start.
const config = readConfig(['ORDER_VIEWS_TABLE_NAME']);

export const handler = listCustomerOrdersHandler({
  views: new DynamoDbOrderViews(documentClient(), config.ORDER_VIEWS_TABLE_NAME),
});
