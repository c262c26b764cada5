import { documentClient } from '../../shared/aws/clients';
import { readConfig } from '../../shared/config';
import { orderRepositoryFromEnv } from '../adapters/dynamodb-order-repository';
import { DynamoDbOrderViews } from '../adapters/dynamodb-order-views';
import { getOrderHandler } from './get-order-handler';

// Composition root: read the environment and build the adapters once per cold start.
const config = readConfig(['ORDER_VIEWS_TABLE_NAME']);
const client = documentClient();

export const handler = getOrderHandler({
  views: new DynamoDbOrderViews(client, config.ORDER_VIEWS_TABLE_NAME),
  // A query never writes: snapshots are taken by the commands that append.
  ...orderRepositoryFromEnv(client, { writeSnapshots: false }),
});
