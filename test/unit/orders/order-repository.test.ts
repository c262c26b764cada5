import fc from 'fast-check';
import { type Order, rehydrate } from '../../../lambdas/orders/domain/order';
import type { SnapshotStore } from '../../../lambdas/orders/ports/snapshot-store';
import { executeOrderCommand } from '../../../lambdas/orders/use-cases/execute-command';
import {
  ORDER_SNAPSHOT_SCHEMA_VERSION,
  OrderRepository,
} from '../../../lambdas/orders/use-cases/order-repository';
import { toOrderEvent } from '../../../lambdas/orders/use-cases/order-stream';
import { ConflictError } from '../../../lambdas/shared/errors';
import { InMemoryEventStore, InMemorySnapshotStore, overriding } from '../../helpers/in-memory-event-store';
import { historyOf, laterCommand, placeOrderCommand } from '../../helpers/order-histories';

/** Counts the requests a load makes against each store. */
function counting(events: InMemoryEventStore, snapshots: InMemorySnapshotStore<Order>) {
  const calls = { eventReads: 0, snapshotReads: 0, snapshotWrites: 0 };
  const eventStore = overriding(events, {
    load: (id, options) => {
      calls.eventReads++;
      return events.load(id, options);
    },
  });
  const snapshotStore: SnapshotStore<Order> = {
    latest: (id, asOf) => {
      calls.snapshotReads++;
      return snapshots.latest(id, asOf);
    },
    save: (snapshot) => {
      calls.snapshotWrites++;
      return snapshots.save(snapshot);
    },
  };
  return { calls, eventStore, snapshotStore };
}

const context = {
  correlationId: 'c',
  causationId: 'c',
  now: () => new Date('2026-01-01T00:00:00.000Z'),
  newId: () => 'e',
};

describe('OrderRepository snapshots', () => {
  it('load(snapshot + tail) equals load(full replay) for any valid command sequence (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        placeOrderCommand('o-1'),
        fc.array(laterCommand, { maxLength: 60 }),
        fc.integer({ min: 2, max: 10 }),
        async (place, later, every) => {
          const events = new InMemoryEventStore();
          const snapshots = new InMemorySnapshotStore<Order>();
          const withSnapshots = new OrderRepository(events, snapshots, {
            snapshotEvery: every,
            writeSnapshots: true,
          });
          const replayOnly = new OrderRepository(events, undefined, {
            snapshotEvery: 0,
            writeSnapshots: false,
          });
          // Through the real command path, so snapshots are taken where production takes them. Only the
          // domain's refusal of a command the order's status forbids is expected; anything else fails.
          events.seed(historyOf([place]));
          let appended = 0;
          for (const command of later) {
            try {
              appended += (await executeOrderCommand(withSnapshots, 'o-1', command, context)).appended.length;
            } catch (error) {
              if (!(error instanceof ConflictError) || command.type === 'AddNote') throw error;
            }
          }
          const full = (await replayOnly.load('o-1')).state;
          // Every accepted command's events are in the store: a path that refused them all would show here.
          expect(full?.version).toBe(1 + appended);
          expect(appended).toBeGreaterThanOrEqual(
            later.filter((command) => command.type === 'AddNote').length,
          );
          expect((await withSnapshots.load('o-1')).state).toEqual(full);
          expect(full).toEqual(rehydrate((await events.load('o-1')).map(toOrderEvent)));
          // A snapshot was taken on every crossing of the interval: the tail never reaches `every` events.
          const newest = await snapshots.latest('o-1');
          expect((full?.version ?? 0) - (newest?.version ?? 0)).toBeLessThan(every);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('loads any history in one snapshot read and one event read', async () => {
    const events = new InMemoryEventStore();
    const snapshots = new InMemorySnapshotStore<Order>();
    const { calls, eventStore, snapshotStore } = counting(events, snapshots);
    const orders = new OrderRepository(eventStore, snapshotStore, { snapshotEvery: 5, writeSnapshots: true });
    events.seed(historyOf([fc.sample(placeOrderCommand('o-2'), 1)[0] as never]));
    for (let n = 0; n < 23; n++) {
      await executeOrderCommand(orders, 'o-2', { type: 'AddNote', author: 'a', note: `n${n}` }, context);
    }
    Object.assign(calls, { eventReads: 0, snapshotReads: 0, snapshotWrites: 0 });
    const { state, snapshotVersion } = await orders.load('o-2');
    expect(state?.version).toBe(24);
    expect(snapshotVersion).toBe(20);
    expect(calls).toEqual({ eventReads: 1, snapshotReads: 1, snapshotWrites: 0 });
  });

  it('never trusts a snapshot of an older shape: replays in full, then rewrites it', async () => {
    const events = new InMemoryEventStore();
    const snapshots = new InMemorySnapshotStore<Order>();
    const history = historyOf([
      fc.sample(placeOrderCommand('o-3'), 1)[0] as never,
      { type: 'AddNote', author: 'a', note: 'x' },
      { type: 'AddNote', author: 'a', note: 'y' },
    ]);
    events.seed(history);
    const truth = rehydrate(history.map(toOrderEvent)) as Order;
    // A snapshot from an older Order shape that, if trusted, would give a wrong state.
    await snapshots.save({
      aggregateId: 'o-3',
      version: 3,
      schemaVersion: ORDER_SNAPSHOT_SCHEMA_VERSION - 1,
      occurredAt: truth.updatedAt,
      state: { ...truth, status: 'CANCELLED', noteCount: 99 },
    });
    const orders = new OrderRepository(events, snapshots, { snapshotEvery: 2, writeSnapshots: true });
    expect((await orders.load('o-3')).state).toEqual(truth);
    expect(await snapshots.latest('o-3')).toMatchObject({
      version: 3,
      schemaVersion: ORDER_SNAPSHOT_SCHEMA_VERSION,
      state: truth,
    });
  });

  it('treats a failed snapshot write as a longer replay later, not a failed command', async () => {
    const events = new InMemoryEventStore();
    const failures: string[] = [];
    const broken: SnapshotStore<Order> = {
      latest: async () => undefined,
      save: async () => {
        throw new Error('throttled');
      },
    };
    const orders = new OrderRepository(events, broken, {
      snapshotEvery: 2,
      writeSnapshots: true,
      onSnapshotError: (error, orderId) => failures.push(`${orderId}: ${(error as Error).message}`),
    });
    events.seed(historyOf([fc.sample(placeOrderCommand('o-4'), 1)[0] as never]));
    const result = await executeOrderCommand(
      orders,
      'o-4',
      { type: 'AddNote', author: 'a', note: 'x' },
      context,
    );
    expect(result.order.version).toBe(2);
    expect(failures).toEqual(['o-4: throttled']);
  });

  it('never writes a snapshot from a read-only repository or for an asOf load', async () => {
    const events = new InMemoryEventStore();
    const snapshots = new InMemorySnapshotStore<Order>();
    events.seed(
      historyOf([
        fc.sample(placeOrderCommand('o-5'), 1)[0] as never,
        ...Array.from({ length: 6 }, (_, n) => ({ type: 'AddNote' as const, author: 'a', note: `${n}` })),
      ]),
    );
    await new OrderRepository(events, snapshots, { snapshotEvery: 2, writeSnapshots: false }).load('o-5');
    await new OrderRepository(events, snapshots, { snapshotEvery: 2, writeSnapshots: true }).load(
      'o-5',
      '2030-01-01T00:00:00.000Z',
    );
    expect(snapshots.saved).toEqual([]);
  });

  it('starts an asOf load from the newest snapshot taken before the instant', async () => {
    const events = new InMemoryEventStore();
    const snapshots = new InMemorySnapshotStore<Order>();
    const orders = new OrderRepository(events, snapshots, { snapshotEvery: 2, writeSnapshots: true });
    const history = historyOf(
      [
        fc.sample(placeOrderCommand('o-6'), 1)[0] as never,
        ...Array.from({ length: 9 }, (_, n) => ({ type: 'AddNote' as const, author: 'a', note: `${n}` })),
      ],
      Date.parse('2026-01-01T00:00:00.000Z'),
      Array.from({ length: 10 }, () => 60_000),
    );
    events.seed(history);
    await orders.load('o-6'); // takes a snapshot at version 10
    for (const version of [2, 4, 6, 8]) {
      await snapshots.save({
        aggregateId: 'o-6',
        version,
        schemaVersion: ORDER_SNAPSHOT_SCHEMA_VERSION,
        occurredAt: history[version - 1]?.metadata.occurredAt as string,
        state: rehydrate(history.slice(0, version).map(toOrderEvent)) as Order,
      });
    }
    for (const version of [1, 3, 5, 7, 9, 10]) {
      const asOf = history[version - 1]?.metadata.occurredAt as string;
      const loaded = await orders.load('o-6', asOf);
      expect(loaded.state).toEqual(rehydrate(history.slice(0, version).map(toOrderEvent)));
      expect(loaded.snapshotVersion).toBe(version - (version % 2));
    }
  });
});
