import { documentClient } from '../../shared/aws/clients';
import { orderRepositoryFromEnv } from '../adapters/dynamodb-order-repository';
import { loadOrderStatusTask } from './saga-tasks';

// Composition root: the adapters are built once per cold start. Reads only: no snapshot writes.
export const handler = loadOrderStatusTask({
  orders: orderRepositoryFromEnv(documentClient(), { writeSnapshots: false }).orders,
});
