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

/**
 * An append-only, per-aggregate event stream with optimistic concurrency: `append` succeeds only when the
 * stream is still at `expectedVersion`, so two writers that read the same state cannot both win.
 */
export interface EventStore {
  load(aggregateId: string): Promise<StoredEvent[]>;
  append(aggregateId: string, expectedVersion: number, events: readonly StoredEvent[]): Promise<void>;
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
