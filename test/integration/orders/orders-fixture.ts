import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { CALLBACK_SIGNING_KEY_SECRET_ENV, CALLBACK_URL_POLICY_ENV } from '../../../lambdas/orders/contract';
import { STAGES } from '../../../lib/config/stage-config';
import {
  createTables,
  type DynamoDbLocal,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startDynamoDbLocal,
  tableNamed,
} from '../../helpers/dynamodb-local';
import { synthShop } from '../../helpers/synth';

/**
 * DynamoDB Local with the orders service's tables created from the synthesized template, and the process
 * environment a deployed function would have, pointed at it.
 */
export interface OrdersFixture {
  readonly db: DynamoDbLocal;
  readonly eventStoreTable: string;
  readonly snapshotsTable: string;
  readonly orderViewsTable: string;
  readonly idempotencyTable: string;
  itemCount(tableName: string): Promise<number>;
  stop(): Promise<void>;
}

/** The local stage's snapshot interval, as the functions get it. */
export const SNAPSHOT_EVERY = STAGES.local.orders.snapshotEvery;

export async function startOrdersFixture(suite: string): Promise<OrdersFixture> {
  const { app, stacks } = synthShop('local');
  const template = app.synth().getStackByName(stacks.orders.stackName).template as object;
  const db = await startDynamoDbLocal();
  try {
    const names = await createTables(db.client, template, suite);
    return {
      db,
      eventStoreTable: tableNamed(names, 'OrdersEventStore'),
      snapshotsTable: tableNamed(names, 'OrdersSnapshots'),
      orderViewsTable: tableNamed(names, 'OrdersOrderViews'),
      idempotencyTable: tableNamed(names, 'OrdersIdempotency'),
      async itemCount(name) {
        const result = await db.client.send(
          new ScanCommand({ TableName: name, Select: 'COUNT', ConsistentRead: true }),
        );
        return result.Count ?? 0;
      },
      stop: () => db.stop(),
    };
  } catch (error) {
    await db.stop();
    throw error;
  }
}

/**
 * The environment the functions get in AWS, with the SDK pointed at DynamoDB Local and, for place-order,
 * the customers internal API it signs its lookups for (`startCustomersApi`).
 */
export function useFunctionEnvironment(
  fixture: OrdersFixture,
  customersApi?: { readonly url: string },
): void {
  if (customersApi) {
    Object.assign(process.env, {
      CUSTOMERS_API_URL: customersApi.url,
      CUSTOMERS_API_TIMEOUT_MS: String(STAGES.local.orders.customerLookupTimeout.toMilliseconds()),
      // Read only for an order with a callbackUrl, which these tests do not place.
      [CALLBACK_SIGNING_KEY_SECRET_ENV]: 'callback-signing-key-not-read-here',
      [CALLBACK_URL_POLICY_ENV]: STAGES.local.callbacks.urlPolicy,
    });
  }
  Object.assign(process.env, {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: fixture.db.endpoint,
    EVENT_STORE_TABLE_NAME: fixture.eventStoreTable,
    SNAPSHOTS_TABLE_NAME: fixture.snapshotsTable,
    SNAPSHOT_EVERY: String(SNAPSHOT_EVERY),
    ORDER_VIEWS_TABLE_NAME: fixture.orderViewsTable,
    IDEMPOTENCY_TABLE_NAME: fixture.idempotencyTable,
    POWERTOOLS_SERVICE_NAME: 'orders',
  });
}
