import { PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDbEventStore } from '../../../lambdas/orders/adapters/dynamodb-event-store';
import { dynamoDbOrderRepository } from '../../../lambdas/orders/adapters/dynamodb-order-repository';
import { DynamoDbOrderViews } from '../../../lambdas/orders/adapters/dynamodb-order-views';
import { type Order, rehydrate } from '../../../lambdas/orders/domain/order';
import { toOrderView } from '../../../lambdas/orders/domain/order-view';
import { executeOrderCommand } from '../../../lambdas/orders/use-cases/execute-command';
import { toOrderEvent } from '../../../lambdas/orders/use-cases/order-stream';
import { placeOrder } from '../../../lambdas/orders/use-cases/place-order';
import {
  type CheckpointStore,
  type RebuildCheckpoint,
  rebuildOrderViews,
} from '../../../lambdas/orders/use-cases/rebuild-order-views';
import { documentClient } from '../../../lambdas/shared/aws/clients';
import { SAMPLE_ORDER } from '../../fixtures/orders';
import { createTables } from '../../helpers/dynamodb-local';
import { InMemoryCustomerDirectory } from '../../helpers/in-memory-customer-directory';
import { synthShop } from '../../helpers/synth';
import { type OrdersFixture, startOrdersFixture } from './orders-fixture';

/**
 * `npm run projections:rebuild`'s engine against DynamoDB Local: the whole EventStore into a fresh read
 * table, interrupted and resumed, with a poison event in the store.
 */
let fixture: OrdersFixture;
const orderIds: string[] = [];

beforeAll(async () => {
  fixture = await startOrdersFixture('rebuild');
  const { orders } = dynamoDbOrderRepository(
    documentClient(fixture.db.client),
    { eventStoreTable: fixture.eventStoreTable, snapshotsTable: fixture.snapshotsTable, snapshotEvery: 50 },
    { writeSnapshots: true },
  );
  let n = 0;
  const newId = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  const context = { correlationId: 'c', causationId: 'c', now: () => new Date(), newId };
  for (let i = 0; i < 12; i++) {
    const { orderId } = await placeOrder(
      {
        orders,
        customers: new InMemoryCustomerDirectory(['c-0', 'c-1', 'c-2']),
        now: () => new Date(),
        newId,
      },
      { ...SAMPLE_ORDER, customerId: `c-${i % 3}` },
      context,
    );
    orderIds.push(orderId);
    for (let k = 0; k < i % 4; k++) {
      await executeOrderCommand(orders, orderId, { type: 'AddNote', author: 'it', note: `n${k}` }, context);
    }
    if (i % 2 === 0) await executeOrderCommand(orders, orderId, { type: 'ConfirmOrder', total: i }, context);
  }
  // A corrupt stream: an event no schema knows, as the first of its order.
  await fixture.db.client.send(
    new PutItemCommand({
      TableName: fixture.eventStoreTable,
      Item: {
        aggregateId: { S: 'corrupt-order' },
        version: { N: '1' },
        type: { S: 'OrderTeleported' },
        data: { M: {} },
        metadata: {
          M: {
            eventId: { S: 'x' },
            correlationId: { S: 'x' },
            causationId: { S: 'x' },
            schemaVersion: { N: '1' },
            occurredAt: { S: '2026-01-01T00:00:00.000Z' },
          },
        },
      },
    }),
  );
});
afterAll(() => fixture?.stop());

function memoryCheckpoints(): CheckpointStore & { saved: RebuildCheckpoint[] } {
  const saved: RebuildCheckpoint[] = [];
  return { saved, read: async () => saved.at(-1), write: async (c) => void saved.push(c) };
}

async function freshTable(suffix: string): Promise<string> {
  const { app, stacks } = synthShop('local');
  const template = app.synth().getStackByName(stacks.orders.stackName).template as {
    Resources: Record<string, unknown>;
  };
  // Only the OrderViews table, under a new name: what --create makes.
  const views = Object.fromEntries(
    Object.entries(template.Resources).filter(([id]) => id.startsWith('OrdersOrderViews')),
  );
  const names = await createTables(fixture.db.client, { Resources: views }, `rebuild-${suffix}`);
  return Object.values(names)[0] as string;
}

describe('rebuildOrderViews', () => {
  it('rebuilds every order as the projection would, across an interruption, listing the poisoned one', async () => {
    const target = await freshTable('resumed');
    const docs = documentClient(fixture.db.client);
    const source = new DynamoDbEventStore(docs, fixture.eventStoreTable);
    const views = new DynamoDbOrderViews(docs, target);
    const checkpoints = memoryCheckpoints();
    const progress: number[] = [];

    // Interrupted after three pages...
    let pages = 0;
    const first = await rebuildOrderViews(
      {
        source,
        target: views,
        checkpoints,
        shouldStop: () => pages++ >= 3,
        onProgress: (c) => progress.push(c.events),
      },
      7,
    );
    expect(first).toMatchObject({ complete: false, pages: 3, events: 21 });
    // ...and resumed from its checkpoint by the same call.
    const done = await rebuildOrderViews(
      { source, target: views, checkpoints, onProgress: (c) => progress.push(c.events) },
      7,
    );

    const eventCount = (
      await fixture.db.client.send(new ScanCommand({ TableName: fixture.eventStoreTable, Select: 'COUNT' }))
    ).Count;
    expect(done).toMatchObject({ complete: true, events: eventCount, failedOrders: ['corrupt-order'] });
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    for (const orderId of orderIds) {
      const expected = toOrderView(rehydrate((await source.load(orderId)).map(toOrderEvent)) as Order);
      expect(await views.get(orderId)).toEqual(expected);
    }
    expect(await views.get('corrupt-order')).toBeUndefined();
    expect((await views.listByCustomer('c-1', 100)).items).toHaveLength(4);

    // Running it again after completion does nothing.
    const again = await rebuildOrderViews({ source, target: views, checkpoints }, 7);
    expect(again).toEqual(done);
  });

  it('writes nothing but the target table', async () => {
    const count = async (table: string) =>
      (await fixture.db.client.send(new ScanCommand({ TableName: table, Select: 'COUNT' }))).Count;
    const before = {
      events: await count(fixture.eventStoreTable),
      views: await count(fixture.orderViewsTable),
    };
    const target = await freshTable('isolated');
    const docs = documentClient(fixture.db.client);
    await rebuildOrderViews(
      {
        source: new DynamoDbEventStore(docs, fixture.eventStoreTable),
        target: new DynamoDbOrderViews(docs, target),
        checkpoints: memoryCheckpoints(),
      },
      100,
    );
    expect({
      events: await count(fixture.eventStoreTable),
      views: await count(fixture.orderViewsTable),
    }).toEqual(before);
    expect(await count(target)).toBe(orderIds.length);
  });
});
