import fc from 'fast-check';
import { rehydrate } from '../../../lambdas/orders/domain/order';
import { type OrderView, projectView, toOrderView } from '../../../lambdas/orders/domain/order-view';
import type { StoredEvent } from '../../../lambdas/orders/ports/event-store';
import { toOrderEvent } from '../../../lambdas/orders/use-cases/order-stream';
import { projectOrderViews } from '../../../lambdas/orders/use-cases/project-order-views';
import { InMemoryEventStore } from '../../helpers/in-memory-event-store';
import { InMemoryOrderViews } from '../../helpers/in-memory-order-views';
import { orderHistory } from '../../helpers/order-histories';

/** Several orders' histories, all already in the event store (the stream only carries what was appended). */
const histories = fc
  .integer({ min: 1, max: 4 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => orderHistory(`o-${i}`, 12))));

/**
 * A delivery as a stream and Lambda can produce it: every event at least once, some twice or three times,
 * in any order across and within orders, cut into batches of any size.
 */
const delivery = (events: readonly StoredEvent[]) =>
  fc
    .tuple(
      fc.array(fc.integer({ min: 1, max: 3 }), { minLength: events.length, maxLength: events.length }),
      fc.integer({ min: 1, max: 10 }),
    )
    .chain(([copies, batchSize]) =>
      fc
        .shuffledSubarray(
          events.flatMap((event, i) => Array.from({ length: copies[i] ?? 1 }, () => event)),
          { minLength: events.reduce((n, _, i) => n + (copies[i] ?? 1), 0) },
        )
        .map((records) => chunk(records, batchSize)),
    );

function chunk<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}

async function storeOf(all: readonly StoredEvent[][]): Promise<InMemoryEventStore> {
  const store = new InMemoryEventStore();
  for (const history of all) store.seed(history);
  return store;
}

describe('projectOrderViews', () => {
  it('ends, after any delivery with duplicates and reordering, at the fold of the ordered, de-duplicated events (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        histories.chain((all) => fc.tuple(fc.constant(all), delivery(all.flat()))),
        async ([all, batches]) => {
          const eventStore = await storeOf(all);
          const views = new InMemoryOrderViews();
          for (const batch of batches) {
            const before = { writes: views.writes, refused: views.refused };
            const result = await projectOrderViews({ views, eventStore }, batch);
            expect(result.failed).toEqual([]);
            const orders = new Set(batch.map((e) => e.aggregateId)).size;
            // One write per changed order per batch, at most; a redelivered first event costs one refused write.
            expect(views.writes - before.writes).toBeLessThanOrEqual(orders);
            expect(result.writes).toBe(views.writes - before.writes);
            expect(views.refused - before.refused).toBeLessThanOrEqual(orders);
          }
          for (const history of all) {
            const events = history.map(toOrderEvent);
            const expected = events.reduce<OrderView | undefined>(projectView, undefined);
            expect(views.items.get(history[0]?.aggregateId as string)).toEqual(expected);
            // The read side's fold agrees with the aggregate's.
            expect(expected).toEqual(toOrderView(rehydrate(events) as never));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('changes nothing for a replayed batch (every event already applied), at the cost of one refused write', async () => {
    const [history] = fc.sample(orderHistory('o-r', 5), 1) as [StoredEvent[]];
    const eventStore = await storeOf([history]);
    const views = new InMemoryOrderViews();
    await projectOrderViews({ views, eventStore }, history);
    const writes = views.writes;
    const stored = structuredClone(views.items);
    const again = await projectOrderViews({ views, eventStore }, history);
    expect(again).toEqual({ failed: [], errors: [], writes: 0 });
    expect(views.writes).toBe(writes);
    expect(views.refused).toBe(1);
    expect(views.items).toEqual(stored);
  });

  it('fails a poison event and what follows it in its order only; other orders still project', async () => {
    const [good, bad] = fc.sample(
      fc.tuple(orderHistory('o-good', 3), orderHistory('o-bad', 3)).filter(([, b]) => b.length >= 2),
      1,
    )[0] as [StoredEvent[], StoredEvent[]];
    const poison: StoredEvent = { ...(bad[1] as StoredEvent), type: 'OrderTeleported' };
    const stream = [bad[0] as StoredEvent, poison, ...bad.slice(2)];
    const eventStore = await storeOf([good, stream]);
    const views = new InMemoryOrderViews();
    const result = await projectOrderViews({ views, eventStore }, [...stream, ...good]);
    expect(result.failed).toEqual(stream.slice(1));
    expect(result.errors).toEqual([{ orderId: 'o-bad', version: 2, error: expect.any(Error) }]);
    expect(views.items.get('o-bad')?.version).toBe(1);
    expect(views.items.get('o-good')?.version).toBe(good.length);
  });

  it('re-reads and retries when a concurrent writer moved the view, and never overwrites a newer one', async () => {
    const [history] = fc.sample(
      orderHistory('o-c', 4).filter((h) => h.length >= 3),
      1,
    ) as [StoredEvent[]];
    const eventStore = await storeOf([history]);
    const views = new InMemoryOrderViews();
    // Another projector instance gets there first with everything.
    const racing = Object.assign(Object.create(views) as InMemoryOrderViews, {
      getMany: async () => new Map(),
    });
    await projectOrderViews({ views, eventStore }, history);
    const result = await projectOrderViews({ views: racing, eventStore }, history.slice(0, 2));
    expect(result.failed).toEqual([]);
    expect(views.items.get('o-c')?.version).toBe(history.length);
  });
});
