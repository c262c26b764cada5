import fc from 'fast-check';
import { DynamoDbEventStore } from '../../../lambdas/orders/adapters/dynamodb-event-store';
import { ConcurrencyConflictError, type StoredEvent } from '../../../lambdas/orders/ports/event-store';
import { documentClient } from '../../../lambdas/shared/aws/clients';
import { type OrdersFixture, startOrdersFixture } from './orders-fixture';

let fixture: OrdersFixture;
let store: DynamoDbEventStore;

beforeAll(async () => {
  fixture = await startOrdersFixture('event-store');
  store = new DynamoDbEventStore(documentClient(fixture.db.client), fixture.eventStoreTable);
});
afterAll(() => fixture?.stop());

const event = (aggregateId: string, version: number, marker = 'a'): StoredEvent => ({
  aggregateId,
  version,
  type: 'Tested',
  data: { marker, nested: { list: [1, 2, 3] } },
  metadata: {
    eventId: `${aggregateId}-${version}-${marker}`,
    correlationId: 'corr',
    causationId: 'cause',
    schemaVersion: 1,
    occurredAt: '2026-01-01T00:00:00.000Z',
  },
});

describe('DynamoDbEventStore on DynamoDB Local', () => {
  it('appends and loads a stream in version order', async () => {
    await store.append('s-1', 0, [event('s-1', 1)]);
    await store.append('s-1', 1, [event('s-1', 2), event('s-1', 3)]);
    const loaded = await store.load('s-1');
    expect(loaded.map((e) => e.version)).toEqual([1, 2, 3]);
    expect(loaded[0]).toEqual(event('s-1', 1));
  });

  it('loads an unknown stream as empty', async () => {
    await expect(store.load('never-written')).resolves.toEqual([]);
  });

  it('refuses a single append at an occupied version and keeps the original', async () => {
    await store.append('s-2', 0, [event('s-2', 1, 'first')]);
    await expect(store.append('s-2', 0, [event('s-2', 1, 'second')])).rejects.toBeInstanceOf(
      ConcurrencyConflictError,
    );
    expect((await store.load('s-2'))[0]?.data).toMatchObject({ marker: 'first' });
  });

  it('refuses a multi-event append all or nothing when one version is occupied', async () => {
    await store.append('s-3', 0, [event('s-3', 1)]);
    await store.append('s-3', 1, [event('s-3', 2, 'winner')]);
    // A writer that read version 1 tries to add 2 and 3: 2 is taken, so 3 must not appear either.
    await expect(
      store.append('s-3', 1, [event('s-3', 2, 'loser'), event('s-3', 3, 'loser')]),
    ).rejects.toBeInstanceOf(ConcurrencyConflictError);
    const loaded = await store.load('s-3');
    expect(loaded.map((e) => [e.version, (e.data as { marker: string }).marker])).toEqual([
      [1, 'a'],
      [2, 'winner'],
    ]);
  });

  it('lets exactly one of N concurrent appends at the same version win, for any N, version and batch (property)', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 12 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        async (writers, existing, eventsEach) => {
          const id = `race-${++run}`;
          for (let version = 1; version <= existing; version++)
            await store.append(id, version - 1, [event(id, version)]);
          const attempts = Array.from({ length: writers }, (_, w) =>
            store.append(
              id,
              existing,
              Array.from({ length: eventsEach }, (_, k) => event(id, existing + k + 1, `w${w}`)),
            ),
          );
          const results = await Promise.allSettled(attempts);
          const winners = results.flatMap((r, w) => (r.status === 'fulfilled' ? [`w${w}`] : []));
          expect(winners).toHaveLength(1);
          for (const r of results) {
            if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConcurrencyConflictError);
          }
          // The stream holds the one winner's events, whole: no interleaving of two writers.
          const markers = (await store.load(id))
            .slice(existing)
            .map((e) => (e.data as { marker: string }).marker);
          expect(markers).toEqual(Array.from({ length: eventsEach }, () => winners[0]));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('refuses events that do not continue the stream, before writing anything', async () => {
    await expect(store.append('s-5', 0, [event('s-5', 2)])).rejects.toThrow(RangeError);
    await expect(store.append('s-5', 0, [event('other', 1)])).rejects.toThrow(RangeError);
    expect(await store.load('s-5')).toEqual([]);
  });

  it('pages through a stream longer than one query page', async () => {
    // ~40 KB per event: 1 MB query pages force at least two pages for 40 events.
    const big = 'x'.repeat(40_000);
    for (let version = 1; version <= 40; version++) {
      await store.append('s-6', version - 1, [{ ...event('s-6', version), data: { big } }]);
    }
    const loaded = await store.load('s-6');
    expect(loaded.map((e) => e.version)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });
});
