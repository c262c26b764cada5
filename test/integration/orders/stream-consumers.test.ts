import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  type CfnTemplate,
  DynamoDbStreamEventSources,
  resolveAssembly,
  type StreamFailureRecord,
  streamMappingsFrom,
} from '@shop/local-cloud';
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
import {
  createTables,
  type DynamoDbLocal,
  LOCAL_REGION,
  startDynamoDbLocal,
  tableNamed,
} from '../../helpers/dynamodb-local';
import { InMemoryCustomerDirectory } from '../../helpers/in-memory-customer-directory';
import { inProcessLambda } from '../../helpers/in-process-lambda';
import { logicalIdOf } from '../../helpers/shop-templates';
import { synthShop } from '../../helpers/synth';

/**
 * The EventStore's two stream consumers on DynamoDB Local's real stream: the event source mappings exactly
 * as synthesized (batch size, bisect, retries, filters, on-failure destination) polled by the local cloud's
 * poller, each invoking the real handler with real DynamoDB adapters. The bus is a recording fake.
 */
let db: DynamoDbLocal;
let sources: DynamoDbStreamEventSources;
let tables: Record<string, string>;
const published: DomainEvent[] = [];
const failures: Array<{ destination: string; record: StreamFailureRecord }> = [];
let projectorName = '';
let publisherName = '';
let deadLetterArns: string[] = [];

const bus: DomainEventBus = {
  async put(events) {
    published.push(...events);
    return events.map(() => undefined);
  },
};

beforeAll(async () => {
  const { app, stacks } = synthShop('local');
  const assembly = app.synth();
  const stackTemplates = Object.values(stacks).map(({ stackName }) => ({
    stackName,
    template: assembly.getStackByName(stackName).template as CfnTemplate,
  }));
  const { resources } = resolveAssembly(stackTemplates);
  db = await startDynamoDbLocal();
  // Named as the resolver names them, so the mappings' stream ARNs point at these tables.
  tables = await createTables(
    db.client,
    assembly.getStackByName(stacks.orders.stackName).template,
    stacks.orders.stackName,
  );
  const nameOf = (construct: IConstruct) =>
    resources.find((r) => r.stackName === stacks.orders.stackName && r.logicalId === logicalIdOf(construct))
      ?.physicalId;
  deadLetterArns = [stacks.orders.orders.projection, stacks.orders.orders.publication]
    .map(
      (consumer) =>
        resources.find((r) => r.logicalId === logicalIdOf(consumer.deadLetters.queue))?.attributes.Arn ??
        'no DLQ',
    )
    .sort();
  projectorName = nameOf(stacks.orders.orders.projector.function) ?? 'projector not found';
  publisherName = nameOf(stacks.orders.orders.publisher.function) ?? 'publisher not found';

  const client = documentClient(db.client);
  const eventStore = new DynamoDbEventStore(client, tableNamed(tables, 'OrdersEventStore'));
  const lambda = inProcessLambda({
    [projectorName]: projectOrderViewsHandler({
      views: new DynamoDbOrderViews(client, tableNamed(tables, 'OrdersOrderViews')),
      eventStore,
    }),
    [publisherName]: publishOrderEventsHandler({ bus }),
  });
  // The EventStore's two; the other services' outbox relays read tables this test does not make.
  const mappings = streamMappingsFrom(resources).mappings.filter((m) =>
    [projectorName, publisherName].includes(m.functionName),
  );
  expect(mappings.map((m) => m.functionName).sort()).toEqual([projectorName, publisherName].sort());
  sources = new DynamoDbStreamEventSources({
    mappings,
    lambda,
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
    await sources.drain({ timeoutMs: 20_000 });

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
    expect(failures).toEqual([]);
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
    await sources.drain({ timeoutMs: 30_000 });

    expect(await views().get(orderId)).toMatchObject({ orderId, status: 'PENDING', version: 1 });
    expect(published.some((e) => e.detail.metadata.correlationId === 'after-poison')).toBe(true);
    expect(await views().get('poison-1')).toBeUndefined();
    // Each consumer's own DLQ, once, after its retries; the record names the batch range, not its data.
    expect(failures.map((f) => f.destination).sort()).toEqual(deadLetterArns);
    for (const { record } of failures) {
      expect(record.requestContext).toMatchObject({
        condition: 'RetryAttemptsExhausted',
        approximateInvokeCount: 7,
      });
      expect(record.DDBStreamBatchInfo.streamArn).toContain(tableNamed(tables, 'OrdersEventStore'));
    }
  });
});
