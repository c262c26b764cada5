import { DynamoDbOrderViews } from '../../../lambdas/orders/adapters/dynamodb-order-views';
import type { OrderView } from '../../../lambdas/orders/domain/order-view';
import { DynamoDbConnectionStore } from '../../../lambdas/push/adapters/dynamodb-connection-store';
import { newConnection } from '../../../lambdas/push/domain/connection';
import { fanOutOrderUpdatesHandler } from '../../../lambdas/push/handlers/fan-out-order-updates-handler';
import { documentClient } from '../../../lambdas/shared/aws/clients';
import { tableNamed } from '../../helpers/dynamodb-local';
import { CUSTOMER, orderView, RecordingMessenger } from '../../helpers/in-memory-push';
import { type LocalStreams, startLocalStreams } from '../../helpers/local-streams';

/**
 * The fan-out on DynamoDB Local's real OrderViews stream: the push service's event source mapping exactly
 * as synthesized (batch size, filter, bisect, retries, on-failure destination), polled by the local cloud's
 * poller, invoking the real handler with the real connections table. Views are written as the projector
 * writes them; connections are a recording messenger, one of which always fails.
 */
let streams: LocalStreams;
let views: DynamoDbOrderViews;
let store: DynamoDbConnectionStore;
let deadLetters = '';
const messenger = new RecordingMessenger();

beforeAll(async () => {
  streams = await startLocalStreams(
    (stacks) => [stacks.orders, stacks.push],
    ({ stacks, db, tables }) => {
      const client = documentClient(db.client);
      views = new DynamoDbOrderViews(client, tableNamed(tables, 'OrdersOrderViews'));
      store = new DynamoDbConnectionStore(client, tableNamed(tables, 'PushConnections'));
      return new Map([
        [
          stacks.push.push.fanOut,
          fanOutOrderUpdatesHandler({ store, messenger, sleep: async () => undefined }),
        ],
      ]);
    },
  );
  expect(streams.mapped).toHaveLength(1);
  deadLetters =
    streams.resource(streams.stacks.push.push.fanOutConsumer.deadLetters.queue)?.attributes.Arn ?? 'no DLQ';
});
afterAll(() => streams?.stop());

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
    await streams.sources.drain({ timeoutMs: 20_000 });
    for (const connection of ['s1', 's2']) {
      expect(messenger.updates(connection, orderId)).toEqual([1, 2, 3]);
    }
    expect(streams.failures).toEqual([]);
  });

  it('dead-letters the changes it cannot push after the retries, and goes on with the orders after them', async () => {
    const stuck = newOrderId();
    const after = newOrderId();
    await watching('broken', stuck);
    await watching('fine', after);
    messenger.failAlways.add('broken');
    await project(stuck, [1]);
    await project(after, [1, 2]);
    await streams.sources.drain({ timeoutMs: 30_000 });
    expect(messenger.updates('fine', after)).toEqual([1, 2]);
    expect(streams.failures.map((f) => f.destination)).toEqual([deadLetters]);
    expect(streams.failures[0]?.record.requestContext).toMatchObject({
      condition: 'RetryAttemptsExhausted',
      approximateInvokeCount: 5,
    });
  });
});
