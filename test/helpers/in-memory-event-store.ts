import {
  ConcurrencyConflictError,
  type EventPage,
  type EventStore,
  type ReadOptions,
  type StoredEvent,
} from '../../lambdas/orders/ports/event-store';
import type { Snapshot, SnapshotStore } from '../../lambdas/orders/ports/snapshot-store';

/** The EventStore port in memory, with the same optimistic-concurrency contract as the DynamoDB adapter. */
export class InMemoryEventStore implements EventStore {
  private readonly streams = new Map<string, StoredEvent[]>();

  async load(aggregateId: string, options: ReadOptions = {}): Promise<StoredEvent[]> {
    const events = (this.streams.get(aggregateId) ?? []).filter(
      (e) => e.version > (options.afterVersion ?? 0),
    );
    const asOf = options.asOf;
    const cut = asOf === undefined ? -1 : events.findIndex((e) => e.metadata.occurredAt > asOf);
    return structuredClone(cut === -1 ? events : events.slice(0, cut));
  }

  async page(aggregateId: string, afterVersion: number, limit: number): Promise<EventPage> {
    const events = await this.load(aggregateId, { afterVersion });
    return { events: events.slice(0, limit), hasMore: events.length > limit };
  }

  async append(aggregateId: string, expectedVersion: number, events: readonly StoredEvent[]): Promise<void> {
    const stream = this.streams.get(aggregateId) ?? [];
    if (stream.length !== expectedVersion) throw new ConcurrencyConflictError(aggregateId, expectedVersion);
    this.streams.set(aggregateId, [...stream, ...structuredClone(events)]);
  }

  /** Stores events as they are, whatever their version or shape: old data, or corrupt data. */
  seed(events: readonly StoredEvent[]): void {
    for (const event of events) {
      this.streams.set(event.aggregateId, [
        ...(this.streams.get(event.aggregateId) ?? []),
        structuredClone(event),
      ]);
    }
  }

  get streamCount(): number {
    return this.streams.size;
  }
}

/** Snapshots in memory, with the adapter's rules: newest first, `asOf` by time, an older shape replaceable. */
export class InMemorySnapshotStore<TState> implements SnapshotStore<TState> {
  readonly saved: Snapshot<TState>[] = [];

  async latest(aggregateId: string, asOf?: string): Promise<Snapshot<TState> | undefined> {
    const candidates = this.saved
      .filter((s) => s.aggregateId === aggregateId && (asOf === undefined || s.occurredAt <= asOf))
      .sort((a, b) => b.version - a.version);
    return structuredClone(candidates[0]);
  }

  async save(snapshot: Snapshot<TState>): Promise<void> {
    const index = this.saved.findIndex(
      (s) => s.aggregateId === snapshot.aggregateId && s.version === snapshot.version,
    );
    if (index === -1) this.saved.push(structuredClone(snapshot));
    else if ((this.saved[index] as Snapshot<TState>).schemaVersion < snapshot.schemaVersion) {
      this.saved[index] = structuredClone(snapshot);
    }
  }
}

/** `store` with some methods replaced: a test's way to slow, count or break one operation of a real store. */
export function overriding(store: EventStore, overrides: Partial<EventStore>): EventStore {
  return {
    load: (id, options) => store.load(id, options),
    page: (id, after, limit) => store.page(id, after, limit),
    append: (id, expected, events) => store.append(id, expected, events),
    ...overrides,
  };
}
