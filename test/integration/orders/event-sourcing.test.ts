import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { DynamoDbEventStore } from '../../../lambdas/orders/adapters/dynamodb-event-store';
import { dynamoDbOrderRepository } from '../../../lambdas/orders/adapters/dynamodb-order-repository';
import { DynamoDbSnapshotStore } from '../../../lambdas/orders/adapters/dynamodb-snapshot-store';
import type { Order } from '../../../lambdas/orders/domain/order';
import { executeOrderCommand } from '../../../lambdas/orders/use-cases/execute-command';
import { ORDER_SNAPSHOT_SCHEMA_VERSION } from '../../../lambdas/orders/use-cases/order-repository';
import { placeOrder } from '../../../lambdas/orders/use-cases/place-order';
import { documentClient } from '../../../lambdas/shared/aws/clients';
import { ConflictError } from '../../../lambdas/shared/errors';
import type { ProxyHandler } from '../../../lambdas/shared/http/http-handler';
import { SAMPLE_ORDER } from '../../fixtures/orders';
import { apiEvent, lambdaContext } from '../../helpers/api-gateway-event';
import { InMemoryCustomerDirectory } from '../../helpers/in-memory-customer-directory';
import {
  type OrdersFixture,
  SNAPSHOT_EVERY,
  startOrdersFixture,
  useFunctionEnvironment,
} from './orders-fixture';

/**
 * Event sourcing on DynamoDB Local with the synthesized tables: snapshots (and their local index for asOf),
 * the two-request load, conflicting commands, and data written by an older version of the service.
 */
let fixture: OrdersFixture;
let getOrder: ProxyHandler;
let getHistory: ProxyHandler;

beforeAll(async () => {
  fixture = await startOrdersFixture('event-sourcing');
  useFunctionEnvironment(fixture);
  getOrder = (await import('../../../lambdas/orders/handlers/get-order')).handler;
  getHistory = (await import('../../../lambdas/orders/handlers/get-order-history')).handler;
});
afterAll(() => fixture?.stop());

let counters = 0;

/** The repository over a client that counts the requests sent to DynamoDB (from its creation on). */
function countedRepository(snapshotEvery = SNAPSHOT_EVERY) {
  const requests: string[] = [];
  const client = documentClient(fixture.db.client);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      requests.push(String(context.commandName));
      return next(args);
    },
    // The document client shares the fixture client's middleware stack: one uniquely named counter each.
    { step: 'initialize', name: `countRequests${++counters}` },
  );
  const repo = dynamoDbOrderRepository(
    client,
    { eventStoreTable: fixture.eventStoreTable, snapshotsTable: fixture.snapshotsTable, snapshotEvery },
    { writeSnapshots: true },
  );
  return { ...repo, requests };
}

let ids = 0;
const newId = () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;
const context = { correlationId: 'c', causationId: 'c', now: () => new Date(), newId };
const customers = new InMemoryCustomerDirectory([SAMPLE_ORDER.customerId]);

async function orderWithNotes(notes: number, snapshotEvery = SNAPSHOT_EVERY): Promise<string> {
  const { orders } = countedRepository(snapshotEvery);
  const { orderId } = await placeOrder({ orders, customers, now: () => new Date(), newId }, SAMPLE_ORDER, {
    correlationId: 'c',
    causationId: 'c',
  });
  for (let n = 0; n < notes; n++) {
    await executeOrderCommand(orders, orderId, { type: 'AddNote', author: 'it', note: `note ${n}` }, context);
  }
  return orderId;
}

describe('snapshots on DynamoDB Local', () => {
  it('loads a long history in two requests: the newest snapshot, then the events after it', async () => {
    const orderId = await orderWithNotes(2 * SNAPSHOT_EVERY + 7);
    const { orders, requests } = countedRepository();
    const { state, snapshotVersion } = await orders.load(orderId);
    expect(state).toMatchObject({ version: 2 * SNAPSHOT_EVERY + 8, noteCount: 2 * SNAPSHOT_EVERY + 7 });
    expect(snapshotVersion).toBe(2 * SNAPSHOT_EVERY);
    expect(requests).toEqual(['QueryCommand', 'QueryCommand']);
  });

  it('finds the newest snapshot before an instant through the occurredAt index', async () => {
    const store = new DynamoDbSnapshotStore<Order>(documentClient(fixture.db.client), fixture.snapshotsTable);
    const state = { orderId: 'snap-1' } as Order;
    for (const [version, occurredAt] of [
      [10, '2026-01-01T00:00:10.000Z'],
      [20, '2026-01-01T00:00:20.000Z'],
      [30, '2026-01-01T00:00:30.000Z'],
    ] as const) {
      await store.save({
        aggregateId: 'snap-1',
        version,
        schemaVersion: ORDER_SNAPSHOT_SCHEMA_VERSION,
        occurredAt,
        state,
      });
    }
    expect((await store.latest('snap-1'))?.version).toBe(30);
    expect((await store.latest('snap-1', '2026-01-01T00:00:25.000Z'))?.version).toBe(20);
    expect((await store.latest('snap-1', '2026-01-01T00:00:20.000Z'))?.version).toBe(20);
    expect(await store.latest('snap-1', '2026-01-01T00:00:09.999Z')).toBeUndefined();
  });

  it('replaces a snapshot only to upgrade its shape; an equal or newer shape stays', async () => {
    const store = new DynamoDbSnapshotStore<Order>(documentClient(fixture.db.client), fixture.snapshotsTable);
    const base = { aggregateId: 'snap-2', version: 5, occurredAt: '2026-01-01T00:00:00.000Z' };
    await store.save({ ...base, schemaVersion: 0, state: { orderId: 'old' } as Order });
    await store.save({ ...base, schemaVersion: 1, state: { orderId: 'new' } as Order });
    await store.save({ ...base, schemaVersion: 1, state: { orderId: 'same shape again' } as Order });
    expect(await store.latest('snap-2')).toMatchObject({ schemaVersion: 1, state: { orderId: 'new' } });
  });
});

describe('conflicting commands on DynamoDB Local', () => {
  it('serialises concurrent commands on one order by retrying: versions stay contiguous, or the loser gets 409', async () => {
    const orderId = await orderWithNotes(0);
    const { orders } = countedRepository();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, n) =>
        executeOrderCommand(orders, orderId, { type: 'AddNote', author: 'it', note: `race ${n}` }, context),
      ),
    );
    const succeeded = outcomes.filter((o) => o.status === 'fulfilled').length;
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(ConflictError);
    expect(succeeded).toBeGreaterThanOrEqual(1);
    const stored = await new DynamoDbEventStore(
      documentClient(fixture.db.client),
      fixture.eventStoreTable,
    ).load(orderId);
    expect(stored.map((e) => e.version)).toEqual(Array.from({ length: 1 + succeeded }, (_, i) => i + 1));
  });
});

describe('data written by an older version of the service', () => {
  const v1OrderId = '00000000-0000-4000-8000-0000000000a1';

  beforeAll(async () => {
    // An order placed before multi-currency: OrderPlaced v1, without a currency, straight into the table.
    await fixture.db.client.send(
      new PutItemCommand({
        TableName: fixture.eventStoreTable,
        Item: marshall({
          aggregateId: v1OrderId,
          version: 1,
          type: 'OrderPlaced',
          data: {
            orderId: v1OrderId,
            customerId: 'legacy-customer',
            items: [{ sku: 'OLD-1', quantity: 1 }],
            paymentToken: 'tok_ok',
            shippingAddress: {
              name: 'Ada',
              line1: '1 Main St',
              city: 'Paris',
              postalCode: '75001',
              country: 'FR',
            },
            sagaStyle: 'orchestration',
          },
          metadata: {
            eventId: 'legacy-event',
            correlationId: 'legacy',
            causationId: 'legacy',
            schemaVersion: 1,
            occurredAt: '2025-01-15T09:00:00.000Z',
          },
        }),
      }),
    );
  });

  const json = (result: APIGatewayProxyResult) => JSON.parse(result.body);

  it('reads as the current version: the order is in euros', async () => {
    const result = await getOrder(
      apiEvent({ method: 'GET', resource: '/orders/{orderId}', pathParameters: { orderId: v1OrderId } }),
      lambdaContext('get-order'),
    );
    expect(result.statusCode).toBe(200);
    expect(json(result)).toMatchObject({
      orderId: v1OrderId,
      currency: 'EUR',
      customerId: 'legacy-customer',
    });
  });

  it('shows the upcast event in the history, and asOf before it is 404', async () => {
    const history = json(
      await getHistory(
        apiEvent({
          method: 'GET',
          resource: '/orders/{orderId}/history',
          pathParameters: { orderId: v1OrderId },
        }),
        lambdaContext('history'),
      ),
    );
    expect(history.items).toEqual([
      {
        type: 'OrderPlaced',
        version: 1,
        occurredAt: '2025-01-15T09:00:00.000Z',
        data: expect.objectContaining({ currency: 'EUR', customerId: 'legacy-customer' }),
      },
    ]);
    const before = await getOrder(
      apiEvent({
        method: 'GET',
        resource: '/orders/{orderId}',
        pathParameters: { orderId: v1OrderId },
        query: { asOf: '2025-01-15T08:59:59Z' },
      }),
      lambdaContext('get-order'),
    );
    expect(before.statusCode).toBe(404);
  });

  it('takes new events on top of v1 ones', async () => {
    const { orders } = countedRepository();
    const result = await executeOrderCommand(orders, v1OrderId, { type: 'ConfirmOrder', total: 3 }, context);
    expect(result.order).toMatchObject({ status: 'CONFIRMED', currency: 'EUR', version: 2 });
  });
});
