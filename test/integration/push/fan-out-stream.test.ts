import {
  type CfnTemplate,
  DynamoDbStreamEventSources,
  resolveAssembly,
  type StreamFailureRecord,
  streamMappingsFrom,
} from '@shop/local-cloud';
import type { IConstruct } from 'constructs';
import { DynamoDbOrderViews } from '../../../lambdas/orders/adapters/dynamodb-order-views';
import type { OrderView } from '../../../lambdas/orders/domain/order-view';
import { DynamoDbConnectionStore } from '../../../lambdas/push/adapters/dynamodb-connection-store';
import { newConnection } from '../../../lambdas/push/domain/connection';
import { fanOutOrderUpdatesHandler } from '../../../lambdas/push/handlers/fan-out-order-updates-handler';
import { documentClient } from '../../../lambdas/shared/aws/clients';
import {
  createTables,
  type DynamoDbLocal,
  LOCAL_REGION,
  startDynamoDbLocal,
  tableNamed,
} from '../../helpers/dynamodb-local';
import { CUSTOMER, orderView, RecordingMessenger } from '../../helpers/in-memory-push';
import { inProcessLambda } from '../../helpers/in-process-lambda';
import { logicalIdOf } from '../../helpers/shop-templates';
import { synthShop } from '../../helpers/synth';

/**
 * The fan-out on DynamoDB Local's real OrderViews stream: the push service's event source mapping exactly
 * as synthesized (batch size, filter, bisect, retries, on-failure destination), polled by the local cloud's
 * poller, invoking the real handler with the real connections table. Views are written as the projector
 * writes them; connections are a recording messenger, one of which always fails.
 */
let db: DynamoDbLocal;
let sources: DynamoDbStreamEventSources;
let views: DynamoDbOrderViews;
let store: DynamoDbConnectionStore;
let deadLetters = '';
const messenger = new RecordingMessenger();
const failures: Array<{ destination: string; record: StreamFailureRecord }> = [];

beforeAll(async () => {
  const { app, stacks } = synthShop('local');
  const assembly = app.synth();
  const stackTemplates = Object.values(stacks).map(({ stackName }) => ({
    stackName,
    template: assembly.getStackByName(stackName).template as CfnTemplate,
  }));
  const { resources } = resolveAssembly(stackTemplates);
  db = await startDynamoDbLocal();
  // Named as the resolver names them, so the mapping's stream ARN points at the OrderViews table here.
  const tables = {
    ...(await createTables(
      db.client,
      assembly.getStackByName(stacks.orders.stackName).template,
      stacks.orders.stackName,
    )),
    ...(await createTables(
      db.client,
      assembly.getStackByName(stacks.push.stackName).template,
      stacks.push.stackName,
    )),
  };
  const client = documentClient(db.client);
  views = new DynamoDbOrderViews(client, tableNamed(tables, 'OrdersOrderViews'));
  store = new DynamoDbConnectionStore(client, tableNamed(tables, 'PushConnections'));
  const { push } = stacks.push;
  const resource = (construct: IConstruct) => resources.find((r) => r.logicalId === logicalIdOf(construct));
  deadLetters = resource(push.fanOutConsumer.deadLetters.queue)?.attributes.Arn ?? 'no DLQ';
  const fanOutName = resource(push.fanOut)?.physicalId ?? 'fan-out not found';
  const mappings = streamMappingsFrom(resources).mappings.filter((m) => m.functionName === fanOutName);
  expect(mappings).toHaveLength(1);
  sources = new DynamoDbStreamEventSources({
    mappings,
    lambda: inProcessLambda({
      [fanOutName]: fanOutOrderUpdatesHandler({ store, messenger, sleep: async () => undefined }),
    }),
    endpoint: db.endpoint,
    region: LOCAL_REGION,
    pollIntervalMs: 20,
    describeIntervalMs: 100,
    retryDelayMs: 10,
    onFailure: (destination, record) => {
      failures.push({ destination, record });
    },
  });
  await sources.start();
});

afterAll(async () => {
  await sources?.stop();
  await db?.stop();
});

let ids = 0;
const newOrderId = () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;

/** A connection of CUSTOMER subscribed to `orderId`. */
async function watching(connectionId: string, orderId: string) {
  const connection = newConnection(connectionId, CUSTOMER, new Date());
  await store.open(connection);
  await store.subscribe(connection, orderId);
}

/** Writes the order's views one version after another, as the projector does (conditional on the last). */
async function project(orderId: string, versions: readonly number[]) {
  for (const version of versions) {
    const view: OrderView = orderView(version, { orderId });
    expect(await views.put(view, version - 1)).toBe(true);
  }
}

describe('the OrderViews stream, fanned out', () => {
  it('pushes every change of a watched order to its connections, in version order, once', async () => {
    const orderId = newOrderId();
    await watching('s1', orderId);
    await watching('s2', orderId);
    await project(orderId, [1, 2, 3]);
    await sources.drain({ timeoutMs: 20_000 });
    for (const connection of ['s1', 's2']) {
      expect(messenger.updates(connection, orderId)).toEqual([1, 2, 3]);
    }
    expect(failures).toEqual([]);
  });

  it('dead-letters the changes it cannot push after the retries, and goes on with the orders after them', async () => {
    const stuck = newOrderId();
    const after = newOrderId();
    await watching('broken', stuck);
    await watching('fine', after);
    messenger.failAlways.add('broken');
    await project(stuck, [1]);
    await project(after, [1, 2]);
    await sources.drain({ timeoutMs: 30_000 });
    expect(messenger.updates('fine', after)).toEqual([1, 2]);
    expect(failures.map((f) => f.destination)).toEqual([deadLetters]);
    expect(failures[0]?.record.requestContext).toMatchObject({
      condition: 'RetryAttemptsExhausted',
      approximateInvokeCount: 5,
    });
  });
});
