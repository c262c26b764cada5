import { type Order, rehydrate } from '../domain/order';
import type { EventStore, StoredEvent } from '../ports/event-store';
import type { SnapshotStore } from '../ports/snapshot-store';
import { toOrderEvent } from './order-stream';

/**
 * The shape of `Order` that snapshots hold. Bump it whenever `Order` changes shape: older snapshots are
 * then ignored (a full replay) and rewritten, never trusted.
 */
export const ORDER_SNAPSHOT_SCHEMA_VERSION = 1;

export interface OrderRepositoryOptions {
  /** Take a snapshot once this many events follow the last one; 0 turns snapshots off. */
  readonly snapshotEvery: number;
  /** Read-only callers (queries) never write snapshots. */
  readonly writeSnapshots: boolean;
  /** A snapshot that cannot be written is a longer replay later, not a failed command: report, go on. */
  readonly onSnapshotError?: (error: unknown, orderId: string) => void;
}

/** What a load found, and the version its snapshot covered, so an append knows when the next is due. */
export interface LoadedOrder {
  readonly state: Order | undefined;
  readonly snapshotVersion: number;
}

/**
 * Loads orders from the newest trustworthy snapshot plus the events after it (two requests whatever the
 * history's length) and appends new events, snapshotting every `snapshotEvery` events. The append is the
 * only fact a command writes; a snapshot is a cache of it.
 */
export class OrderRepository {
  constructor(
    private readonly eventStore: EventStore,
    private readonly snapshots: SnapshotStore<Order> | undefined,
    private readonly options: OrderRepositoryOptions,
  ) {}

  async load(orderId: string, asOf?: string): Promise<LoadedOrder> {
    const snapshot = this.enabled ? await this.snapshots?.latest(orderId, asOf) : undefined;
    const trusted = snapshot?.schemaVersion === ORDER_SNAPSHOT_SCHEMA_VERSION ? snapshot : undefined;
    const snapshotVersion = trusted?.version ?? 0;
    const tail = await this.eventStore.load(orderId, { afterVersion: snapshotVersion, asOf });
    const state = rehydrate(tail.map(toOrderEvent), trusted?.state);
    // A stale shape, a lost write or a missing snapshot all show up as a long tail: heal it now.
    if (asOf === undefined && state !== undefined && this.due(snapshotVersion, state.version)) {
      await this.saveSnapshot(state);
      return { state, snapshotVersion: state.version };
    }
    return { state, snapshotVersion };
  }

  /** Appends `events` at `loaded`'s version; `next` is the state they lead to. */
  async append(loaded: LoadedOrder, events: readonly StoredEvent[], next: Order): Promise<void> {
    await this.eventStore.append(next.orderId, loaded.state?.version ?? 0, events);
    if (this.due(loaded.snapshotVersion, next.version)) await this.saveSnapshot(next);
  }

  private get enabled(): boolean {
    return this.snapshots !== undefined && this.options.snapshotEvery > 0;
  }

  private due(snapshotVersion: number, version: number): boolean {
    return (
      this.enabled && this.options.writeSnapshots && version - snapshotVersion >= this.options.snapshotEvery
    );
  }

  private async saveSnapshot(state: Order): Promise<void> {
    try {
      await this.snapshots?.save({
        aggregateId: state.orderId,
        version: state.version,
        schemaVersion: ORDER_SNAPSHOT_SCHEMA_VERSION,
        // Every event sets updatedAt, so this is when the last folded event happened.
        occurredAt: state.updatedAt,
        state,
      });
    } catch (error) {
      this.options.onSnapshotError?.(error, state.orderId);
    }
  }
}
