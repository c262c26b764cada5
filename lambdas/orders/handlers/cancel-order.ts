import { randomUUID } from 'node:crypto';
import { documentClient } from '../../shared/aws/clients';
import { orderRepositoryFromEnv } from '../adapters/dynamodb-order-repository';
import { cancelOrderHandler } from './cancel-order-handler';

// Composition root: the adapters are built once per cold start.
export const handler = cancelOrderHandler({
  orders: orderRepositoryFromEnv(documentClient(), { writeSnapshots: true }).orders,
  now: () => new Date(),
  newId: randomUUID,
});
