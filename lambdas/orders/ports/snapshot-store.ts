/**
 * Snapshots of an aggregate's state, a cache derived from its events and never a fact: losing one costs a
 * longer replay, nothing else. `schemaVersion` is the version of the state's shape when it was taken; a
 * snapshot of an older shape is never trusted.
 */
export interface Snapshot<TState> {
  readonly aggregateId: string;
  /** The version of the last event folded into `state`. */
  readonly version: number;
  readonly schemaVersion: number;
  /** When that last event happened, so temporal queries can start from the right snapshot. */
  readonly occurredAt: string;
  readonly state: TState;
}

export interface SnapshotStore<TState> {
  /** The newest snapshot, or the newest one whose last event happened by `asOf`. */
  latest(aggregateId: string, asOf?: string): Promise<Snapshot<TState> | undefined>;
  /** Saves a snapshot; an existing one at the same version is replaced only if its shape is older. */
  save(snapshot: Snapshot<TState>): Promise<void>;
}
