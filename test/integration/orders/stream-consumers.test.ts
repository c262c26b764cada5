import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { IConstruct } from 'constructs';
import { DynamoDbEventStore } from '../../../lambdas/orders/adapters/dynamodb-event-store';
import { dynamoDbOrderRepository } from '../../../lambdas/orders/adapters/dynamodb-order-repository';
import { DynamoDbOrderViews } from '../../../lambdas/orders/adapters/dynamodb-order-views';
import { type Order, rehydrate } from '../../../lambdas/orders/domain/order';
import { toOrderView } from '../../../lambdas/orders/domain/order-view';
import { projectOrderViewsHandler } from '../../../lambdas/orders/handlers/project-order-views-handler';
import { publishOrderEventsHandler } from '../../../lambdas/orders/handlers/publish-order-events-handler';
import { executeOrderCommand } from '../../../lambdas/orders/use-cases/execute-command';
import { toOrderEvent } from '../../../lambdas/orders/use-cases/order-stream';
import { placeOrder } from '../../../lambdas/orders/use-cases/place-order';
import { documentClient } from '../../../lambdas/shared/aws/clients';
import type { DomainEvent, DomainEventBus } from '../../../lambdas/shared/events/domain-event-bus';
import { SAMPLE_ORDER } from '../../fixtures/orders';
import { type DynamoDbLocal, tableNamed } from '../../helpers/dynamodb-local';
import { InMemoryCustomerDirectory } from '../../helpers/in-memory-customer-directory';
import { type LocalStreams, startLocalStreams } from '../../helpers/local-streams';

/**
 * The EventStore's two stream consumers on DynamoDB Local's real stream: the event source mappings exactly
 * as synthesized (batch size, bisect, retries, filters, on-failure destination) polled by the local cloud's
 * poller, each invoking the real handler with real DynamoDB adapters. The bus is a recording fake.
 */
let streams: LocalStreams;
let db: DynamoDbLocal;
let tables: Record<string, string>;
const published: DomainEvent[] = [];
let deadLetterArns: string[] = [];

const bus: DomainEventBus = {
  async put(events) {
    published.push(...events);
    return events.map(() => undefined);
  },
};

beforeAll(async () => {
  // The EventStore's two consumers; the other services' outbox relays read tables this test does not make.
  streams = await startLocalStreams(
    (stacks) => [stacks.orders],
    ({ stacks, db: local, tables: created }) => {
      const client = documentClient(local.client);
      const eventStore = new DynamoDbEventStore(client, tableNamed(created, 'OrdersEventStore'));
      const { orders } = stacks.orders;
      return new Map<IConstruct, (event: never) => Promise<unknown>>([
        [
          orders.projector.function,
          projectOrderViewsHandler({
            views: new DynamoDbOrderViews(client, tableNamed(created, 'OrdersOrderViews')),
            eventStore,
          }),
        ],
        [orders.publisher.function, publishOrderEventsHandler({ bus })],
      ]);
    },
  );
  ({ db, tables } = streams);
  expect(streams.mapped).toHaveLength(2);
  const { orders } = streams.stacks.orders;
  deadLetterArns = [orders.projection, orders.publication]
    .map((consumer) => streams.resource(consumer.deadLetters.queue)?.attributes.Arn ?? 'no DLQ')
    .sort();
});

afterAll(() => streams?.stop());

function repository() {
  return dynamoDbOrderRepository(
    documentClient(db.client),
    {
      eventStoreTable: tableNamed(tables, 'OrdersEventStore'),
      snapshotsTable: tableNamed(tables, 'OrdersSnapshots'),
      snapshotEvery: 50,
    },
    { writeSnapshots: true },
  );
}

const views = () => new DynamoDbOrderViews(documentClient(db.client), tableNamed(tables, 'OrdersOrderViews'));

let ids = 0;
const customers = new InMemoryCustomerDirectory(['cust-stream', SAMPLE_ORDER.customerId]);
const context = (at: string) => ({
  correlationId: `corr-${at}`,
  causationId: 'test',
  now: () => new Date(at),
  newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
});

describe('the EventStore stream', () => {
  it('projects appended events into OrderViews and publishes each once, in order, as domain events', async () => {
    const { orders, eventStore } = repository();
    const placed: string[] = [];
    for (const [n, at] of [
      '2026-05-01T10:00:00.000Z',
      '2026-05-01T10:01:00.000Z',
      '2026-05-01T10:02:00.000Z',
    ].entries()) {
      const { orderId } = await placeOrder(
        { orders, customers, ...context(at) },
        { ...SAMPLE_ORDER, customerId: 'cust-stream' },
        {
          correlationId: `corr-${n}`,
          causationId: 'k',
        },
      );
      placed.push(orderId);
    }
    await executeOrderCommand(
      orders,
      placed[0] as string,
      { type: 'ConfirmOrder', total: 12.5 },
      context('2026-05-01T10:03:00.000Z'),
    );
    await executeOrderCommand(
      orders,
      placed[1] as string,
      { type: 'RejectOrder', reason: 'OUT_OF_STOCK' },
      context('2026-05-01T10:04:00.000Z'),
    );
    await streams.sources.drain({ timeoutMs: 20_000 });

    for (const orderId of placed) {
      const stored = await eventStore.load(orderId);
      const expected = toOrderView(rehydrate(stored.map(toOrderEvent)) as Order);
      expect(await views().get(orderId)).toEqual(expected);
    }
    const listing = await views().listByCustomer('cust-stream', 10);
    expect(listing.items.map((v) => [v.orderId, v.status])).toEqual([
      [placed[2], 'PENDING'],
      [placed[1], 'REJECTED'],
      [placed[0], 'CONFIRMED'],
    ]);

    const publishedIds = published.map((e) => e.detail.metadata.eventId);
    for (const orderId of placed) {
      const eventIds = (await eventStore.load(orderId)).map((e) => e.metadata.eventId);
      // Every event published exactly once, in stream order.
      expect(publishedIds.filter((id) => eventIds.includes(id))).toEqual(eventIds);
    }
    expect(published[0]).toMatchObject({
      source: 'shop.orders',
      detailType: 'OrderPlaced',
      detail: { metadata: { schemaVersion: 2, correlationId: 'corr-0' } },
    });
    expect(streams.failures).toEqual([]);
  });

  it('sends a poison record to each mapping on-failure queue and goes on with the records after it', async () => {
    const { orders } = repository();
    // Not an event: no metadata, so neither consumer can read it.
    await db.client.send(
      new PutItemCommand({
        TableName: tableNamed(tables, 'OrdersEventStore'),
        Item: { aggregateId: { S: 'poison-1' }, version: { N: '1' }, type: { S: 'OrderPlaced' } },
      }),
    );
    const { orderId } = await placeOrder(
      { orders, customers, ...context('2026-05-02T10:00:00.000Z') },
      SAMPLE_ORDER,
      {
        correlationId: 'after-poison',
        causationId: 'k',
      },
    );
    await streams.sources.drain({ timeoutMs: 30_000 });

    expect(await views().get(orderId)).toMatchObject({ orderId, status: 'PENDING', version: 1 });
    expect(published.some((e) => e.detail.metadata.correlationId === 'after-poison')).toBe(true);
    expect(await views().get('poison-1')).toBeUndefined();
    // Each consumer's own DLQ, once, after its retries; the record names the batch range, not its data.
    expect(streams.failures.map((f) => f.destination).sort()).toEqual(deadLetterArns);
    for (const { record } of streams.failures) {
      expect(record.requestContext).toMatchObject({
        condition: 'RetryAttemptsExhausted',
        approximateInvokeCount: 7,
      });
      expect(record.DDBStreamBatchInfo.streamArn).toContain(tableNamed(tables, 'OrdersEventStore'));
    }
  });
});
