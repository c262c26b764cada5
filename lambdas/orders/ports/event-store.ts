import { ConflictError } from '../../shared/errors';
import type { EventMetadata } from '../../shared/events/envelope';

/** One event in an aggregate's stream, as stored: position, type, payload and envelope metadata. */
export interface StoredEvent<TData = unknown> {
  readonly aggregateId: string;
  readonly version: number;
  readonly type: string;
  readonly data: TData;
  readonly metadata: EventMetadata;
}

export interface ReadOptions {
  /** Only events after this version (a snapshot's); 0 or absent reads from the start. */
  readonly afterVersion?: number;
  /**
   * Only events that had happened by this instant (ISO-8601). Event times never go backwards within a
   * stream, so reading stops at the first later event.
   */
  readonly asOf?: string;
}

export interface EventPage {
  readonly events: StoredEvent[];
  /** Whether events after the last one returned exist. */
  readonly hasMore: boolean;
}

/**
 * An append-only, per-aggregate event stream with optimistic concurrency: `append` succeeds only when the
 * stream is still at `expectedVersion`, so two writers that read the same state cannot both win. Events
 * are never updated or deleted.
 */
export interface EventStore {
  load(aggregateId: string, options?: ReadOptions): Promise<StoredEvent[]>;
  /** At most `limit` events after `afterVersion`, oldest first (history pages). */
  page(aggregateId: string, afterVersion: number, limit: number): Promise<EventPage>;
  append(aggregateId: string, expectedVersion: number, events: readonly StoredEvent[]): Promise<void>;
}

/**
 * The whole store, page by page, for replays (rebuilding a projection). A page holds whole items in key
 * order within each stream; `cursor` is where the next page starts, absent after the last.
 */
export interface EventStoreScan {
  scanPage(cursor: string | undefined, limit: number): Promise<{ events: StoredEvent[]; cursor?: string }>;
}

export class ConcurrencyConflictError extends ConflictError {
  override readonly name: string = 'ConcurrencyConflictError';
  constructor(
    readonly aggregateId: string,
    readonly expectedVersion: number,
  ) {
    super(`The stream of ${aggregateId} moved past version ${expectedVersion}; reload and retry.`);
  }
}
