import {
  ConcurrencyConflictError,
  type EventStore,
  type StoredEvent,
} from '../../lambdas/orders/ports/event-store';

/** The EventStore port in memory, with the same optimistic-concurrency contract as the DynamoDB adapter. */
export class InMemoryEventStore implements EventStore {
  private readonly streams = new Map<string, StoredEvent[]>();

  async load(aggregateId: string): Promise<StoredEvent[]> {
    return structuredClone(this.streams.get(aggregateId) ?? []);
  }

  async append(aggregateId: string, expectedVersion: number, events: readonly StoredEvent[]): Promise<void> {
    const stream = this.streams.get(aggregateId) ?? [];
    if (stream.length !== expectedVersion) throw new ConcurrencyConflictError(aggregateId, expectedVersion);
    this.streams.set(aggregateId, [...stream, ...structuredClone(events)]);
  }

  get streamCount(): number {
    return this.streams.size;
  }
}
