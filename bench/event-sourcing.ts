import { BatchWriteItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { DynamoDbEventStore } from '../lambdas/orders/adapters/dynamodb-event-store';
import { dynamoDbOrderRepository } from '../lambdas/orders/adapters/dynamodb-order-repository';
import { DynamoDbOrderViews } from '../lambdas/orders/adapters/dynamodb-order-views';
import { DynamoDbSnapshotStore } from '../lambdas/orders/adapters/dynamodb-snapshot-store';
import { type Order, type OrderCommand, rehydrate } from '../lambdas/orders/domain/order';
import { projectOrderViewsHandler } from '../lambdas/orders/handlers/project-order-views-handler';
import type { StoredEvent } from '../lambdas/orders/ports/event-store';
import { ORDER_SNAPSHOT_SCHEMA_VERSION } from '../lambdas/orders/use-cases/order-repository';
import { toOrderEvent } from '../lambdas/orders/use-cases/order-stream';
import { documentClient } from '../lambdas/shared/aws/clients';
import { logger } from '../lambdas/shared/logger';
import { SAMPLE_ORDER } from '../test/fixtures/orders';
import { createTables, startDynamoDbLocal, tableNamed } from '../test/helpers/dynamodb-local';
import { historyOf } from '../test/helpers/order-histories';
import type { CfnTemplate } from './assembly';
import { type Summary, summarize } from './stats';

/**
 * The event-sourcing measurements, against DynamoDB Local with the Orders stack's own tables:
 * - aggregate load time and DynamoDB requests for histories of 10, 1,000 and 10,000 events: from the
 *   snapshot the service would have, from the oldest snapshot it can have (the longest tail), and by a full
 *   replay without snapshots;
 * - the projector's throughput: the real handler fed EventStore stream records in batches of the mapping's
 *   size, with the DynamoDB writes it makes per batch.
 */
export const HISTORY_LENGTHS = [10, 1_000, 10_000] as const;
const LOAD_RUNS = 25;
const WARMUP_RUNS = 3;

export interface AggregateLoad {
  readonly events: number;
  /** From the service's snapshot, from a snapshot as old as the service allows, or a full replay. */
  readonly mode: 'snapshot' | 'snapshot, worst tail' | 'replay';
  /** Version of the snapshot the load starts from (0: none). */
  readonly snapshotVersion: number;
  readonly requests: number;
  readonly load: Summary;
}

export interface ProjectorRun {
  readonly workload: string;
  readonly events: number;
  readonly orders: number;
  readonly batchSize: number;
  readonly batches: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  /** View writes over all batches, and the changed views they were for (one write each means equal). */
  readonly writes: number;
  readonly changedViews: number;
}

export interface EventSourcingBench {
  readonly snapshotEvery: number;
  /**
   * What DynamoDB Local itself sustains (the median of one measurement before each per-order run), for
   * scale: the projector cannot write faster.
   */
  readonly dynamoDbLocalConditionalPutsPerSecond: number;
  /**
   * The per-order workload's events/s over DynamoDB Local's conditional PutItems/s, both medians of the
   * same rounds: how much of DynamoDB Local's write rate coalescing turns into events (at most 5, the
   * events per order and batch). The machine's speed cancels out.
   */
  readonly perOrderEventsPerWrite: number;
  readonly loads: readonly AggregateLoad[];
  readonly projector: readonly ProjectorRun[];
}

export async function measureEventSourcing(
  template: CfnTemplate,
  settings: { snapshotEvery: number; projectorBatchSize: number },
): Promise<EventSourcingBench> {
  logger.setLogLevel('SILENT');
  const db = await startDynamoDbLocal();
  try {
    const tables = await createTables(db.client, template, 'bench-es');
    const names = {
      eventStore: tableNamed(tables, 'OrdersEventStore'),
      snapshots: tableNamed(tables, 'OrdersSnapshots'),
      views: tableNamed(tables, 'OrdersOrderViews'),
    };
    const loads = await measureLoads(db.client, names, settings.snapshotEvery);
    const interleaved = await measureProjector(
      db.client,
      names,
      settings.projectorBatchSize,
      'interleaved',
      0,
    );
    // DynamoDB Local's write rate on a shared machine moves by a quarter between minutes: each per-order
    // round is paired with a measurement of it taken just before, and the medians are compared.
    const rounds: Array<{ putsPerSecond: number; run: ProjectorRun }> = [];
    for (let round = 0; round < PER_ORDER_ROUNDS; round++) {
      const putsPerSecond = await conditionalPutsPerSecond(db.client, names.views, round);
      const run = await measureProjector(db.client, names, settings.projectorBatchSize, 'per order', round);
      rounds.push({ putsPerSecond, run });
    }
    const byThroughput = [...rounds].sort((a, b) => a.run.eventsPerSecond - b.run.eventsPerSecond);
    const medianRun = (byThroughput[Math.floor(byThroughput.length / 2)] as (typeof rounds)[number]).run;
    const putRates = rounds.map((r) => r.putsPerSecond).sort((a, b) => a - b);
    const ceiling = putRates[Math.floor(putRates.length / 2)] as number;
    return {
      snapshotEvery: settings.snapshotEvery,
      dynamoDbLocalConditionalPutsPerSecond: ceiling,
      perOrderEventsPerWrite: Math.round((medianRun.eventsPerSecond / ceiling) * 100) / 100,
      loads,
      projector: [interleaved, medianRun],
    };
  } finally {
    await db.stop();
  }
}

interface Tables {
  readonly eventStore: string;
  readonly snapshots: string;
  readonly views: string;
}

type LoadMode = 'snapshot' | 'snapshot, worst tail' | 'replay';

/**
 * DynamoDB requests per aggregate load, for histories of `lengths` events, each loaded once: a count, not
 * a time, so CI can hold it to a budget on any machine (see ci-budgets.ts).
 */
export async function measureLoadRequests(
  template: CfnTemplate,
  snapshotEvery: number,
  lengths: readonly number[],
): Promise<AggregateLoad[]> {
  logger.setLogLevel('SILENT');
  const db = await startDynamoDbLocal();
  try {
    const tables = await createTables(db.client, template, 'ci-es');
    const names = {
      eventStore: tableNamed(tables, 'OrdersEventStore'),
      snapshots: tableNamed(tables, 'OrdersSnapshots'),
      views: tableNamed(tables, 'OrdersOrderViews'),
    };
    return await measureLoads(db.client, names, snapshotEvery, { lengths, warmups: 0, runs: 1 });
  } finally {
    await db.stop();
  }
}

async function measureLoads(
  client: DynamoDBClient,
  names: Tables,
  snapshotEvery: number,
  { lengths, warmups, runs } = {
    lengths: HISTORY_LENGTHS as readonly number[],
    warmups: WARMUP_RUNS,
    runs: LOAD_RUNS,
  },
): Promise<AggregateLoad[]> {
  const { docs, requests } = countingDocs(client);
  const cases: Array<{ events: number; mode: LoadMode; snapshotVersion: number; orderId: string }> = [];
  const snapshotAt = async (history: readonly StoredEvent[], version: number) => {
    const state = rehydrate(history.slice(0, version).map(toOrderEvent)) as Order;
    await new DynamoDbSnapshotStore<Order>(docs, names.snapshots).save({
      aggregateId: state.orderId,
      version,
      schemaVersion: ORDER_SNAPSHOT_SCHEMA_VERSION,
      occurredAt: state.updatedAt,
      state,
    });
  };
  for (const length of lengths) {
    // Where the service leaves the newest snapshot (the last multiple of the interval), ...
    const orderId = `bench-load-${length}`;
    const history = historyOf(noteHistory(orderId, length));
    await writeRaw(client, names.eventStore, history);
    const snapshotVersion = Math.floor(length / snapshotEvery) * snapshotEvery;
    if (snapshotVersion > 0) await snapshotAt(history, snapshotVersion);
    cases.push({ events: length, mode: 'snapshot', snapshotVersion, orderId });
    cases.push({ events: length, mode: 'replay', snapshotVersion: 0, orderId });
    // ... and the worst case: one event short of the next snapshot, the longest tail there can be.
    if (length >= snapshotEvery) {
      const worstId = `${orderId}-worst`;
      const worst = historyOf(noteHistory(worstId, length));
      await writeRaw(client, names.eventStore, worst);
      await snapshotAt(worst, length - (snapshotEvery - 1));
      cases.push({
        events: length,
        mode: 'snapshot, worst tail',
        snapshotVersion: length - (snapshotEvery - 1),
        orderId: worstId,
      });
    }
  }
  const repositories = cases.map(
    ({ mode }) =>
      dynamoDbOrderRepository(
        docs,
        {
          eventStoreTable: names.eventStore,
          snapshotsTable: names.snapshots,
          snapshotEvery: mode === 'replay' ? 0 : snapshotEvery,
        },
        { writeSnapshots: false },
      ).orders,
  );
  // Round robin over the cases, so that drift (JIT, GC, the JVM behind DynamoDB Local) hits all alike.
  const samples = cases.map(() => [] as number[]);
  const perLoad = cases.map(() => 0);
  for (let run = 0; run < warmups + runs; run++) {
    for (const [index, { orderId, events }] of cases.entries()) {
      const before = requests.count;
      const started = performance.now();
      const { state } = await (repositories[index] as (typeof repositories)[number]).load(orderId);
      const elapsed = performance.now() - started;
      if (state?.version !== events)
        throw new Error(`Loaded ${orderId} at ${state?.version}, expected ${events}.`);
      perLoad[index] = requests.count - before;
      if (run >= warmups) samples[index]?.push(elapsed);
    }
  }
  return cases.map(({ orderId: _, ...rest }, index) => ({
    ...rest,
    requests: perLoad[index] ?? 0,
    load: summarize(samples[index] ?? []),
  }));
}

/** An order and then notes: the one event an order can take any number of times. */
function noteHistory(orderId: string, length: number): OrderCommand[] {
  return [
    { type: 'PlaceOrder', orderId, ...SAMPLE_ORDER },
    ...Array.from({ length: length - 1 }, (_, n) => ({
      type: 'AddNote' as const,
      author: 'bench',
      note: `note ${n}`,
    })),
  ];
}

const PROJECTOR_ORDERS = 1_000;
const EVENTS_PER_ORDER = 5;
/** Rounds of the per-order workload; the median is reported. */
const PER_ORDER_ROUNDS = 3;

/**
 * 5,000 events of 1,000 orders, as stream records, through the real projector handler:
 * - `interleaved`: round robin over the orders, so each batch has one event of each of its orders (the
 *   worst case: one write per event);
 * - `per order`: each order's events together, as when a saga settles an order within a batch window.
 */
async function measureProjector(
  client: DynamoDBClient,
  names: Tables,
  batchSize: number,
  workload: 'interleaved' | 'per order',
  round: number,
): Promise<ProjectorRun> {
  const histories = Array.from({ length: PROJECTOR_ORDERS }, (_, n) =>
    historyOf(noteHistory(`bench-${workload.replace(' ', '-')}-${round}-${n}`, EVENTS_PER_ORDER)),
  );
  const events =
    workload === 'per order'
      ? histories.flat()
      : Array.from({ length: EVENTS_PER_ORDER }, (_, k) => histories.map((h) => h[k] as StoredEvent)).flat();
  await writeRaw(client, names.eventStore, events);
  const records = events.map(toStreamRecord);

  const { docs, requests } = countingDocs(client);
  const handler = projectOrderViewsHandler({
    views: new DynamoDbOrderViews(docs, names.views),
    eventStore: new DynamoDbEventStore(docs, names.eventStore),
  });
  let changedViews = 0;
  const started = performance.now();
  for (let start = 0; start < records.length; start += batchSize) {
    const batch = records.slice(start, start + batchSize);
    changedViews += new Set(events.slice(start, start + batchSize).map((e) => e.aggregateId)).size;
    const response = await handler({ Records: batch });
    if (response.batchItemFailures.length > 0)
      throw new Error(`The projector failed a batch: ${JSON.stringify(response)}`);
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    workload,
    events: events.length,
    orders: PROJECTOR_ORDERS,
    batchSize,
    batches: Math.ceil(records.length / batchSize),
    seconds: Math.round(seconds * 1000) / 1000,
    eventsPerSecond: Math.round(events.length / seconds),
    writes: requests.byCommand.get('PutItemCommand') ?? requests.byCommand.get('PutCommand') ?? 0,
    changedViews,
  };
}

/** 2,000 conditional PutItems of view-sized items, 20 at a time: DynamoDB Local's own write rate. */
async function conditionalPutsPerSecond(
  client: DynamoDBClient,
  table: string,
  round: number,
): Promise<number> {
  const views = new DynamoDbOrderViews(documentClient(client), table);
  const total = 2_000;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (next < total) {
        const n = next++;
        await views.put(
          {
            orderId: `ceiling-${round}-${n}`,
            customerId: `c-${n % 50}`,
            status: 'PENDING',
            items: SAMPLE_ORDER.items,
            total: null,
            currency: 'EUR',
            version: 1,
            createdAt: new Date(n).toISOString(),
            updatedAt: new Date(n).toISOString(),
          },
          0,
        );
      }
    }),
  );
  return Math.round(total / ((performance.now() - started) / 1000));
}

/** A stream record of the EventStore's NEW_IMAGE stream, as Lambda delivers it. */
function toStreamRecord(event: StoredEvent, index: number): DynamoDBRecord {
  return {
    eventID: `bench-${index}`,
    eventName: 'INSERT',
    eventSource: 'aws:dynamodb',
    dynamodb: {
      Keys: marshall({ aggregateId: event.aggregateId, version: event.version }) as never,
      NewImage: marshall(event, { removeUndefinedValues: true }) as never,
      SequenceNumber: String(1_000_000 + index),
      StreamViewType: 'NEW_IMAGE',
    },
  };
}

/** Seeds events as items, 25 per BatchWriteItem: setup, not what is measured. */
async function writeRaw(
  client: DynamoDBClient,
  table: string,
  events: readonly StoredEvent[],
): Promise<void> {
  for (let start = 0; start < events.length; start += 25) {
    let items = events.slice(start, start + 25).map((event) => ({
      PutRequest: { Item: marshall(event, { removeUndefinedValues: true }) },
    }));
    while (items.length > 0) {
      const result = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: items } }));
      items = (result.UnprocessedItems?.[table] ?? []) as typeof items;
    }
  }
}

/** A document client that counts the requests it sends, by command. */
function countingDocs(client: DynamoDBClient): {
  docs: DynamoDBDocumentClient;
  requests: { count: number; byCommand: Map<string, number> };
} {
  const requests = { count: 0, byCommand: new Map<string, number>() };
  const docs = documentClient(client);
  docs.middlewareStack.add(
    (next, context) => async (args) => {
      requests.count++;
      const name = String(context.commandName);
      requests.byCommand.set(name, (requests.byCommand.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: `benchCount${Math.random()}` },
  );
  return { docs, requests };
}
