import { applyToView, type OrderView } from '../domain/order-view';
import type { EventStore, StoredEvent } from '../ports/event-store';
import type { OrderViews } from '../ports/order-views';
import { toOrderEvent } from './order-stream';

export interface ProjectionDeps {
  readonly views: OrderViews;
  /** Read-only: fills gaps when an event arrives before the ones it follows. */
  readonly eventStore: Pick<EventStore, 'load'>;
}

export interface ProjectionResult {
  /** Events that could not be applied; the caller redelivers them (and everything after them). */
  readonly failed: readonly StoredEvent[];
  /** Why, one entry per order that stopped (for the logs). */
  readonly errors: readonly ProjectionError[];
  /** Views written: at most one per order in the batch (a refused conditional write is not counted). */
  readonly writes: number;
}

export interface ProjectionError {
  readonly orderId: string;
  readonly version: number;
  readonly error: unknown;
}

/** A concurrent writer (a rebuild, an overlapping retry) moved a view this many times: give up for now. */
const MAX_WRITE_ATTEMPTS = 3;

/**
 * Folds a batch of stored events into the OrderViews read model, idempotent and order-safe:
 * - events are grouped per order and sorted by version; one conditional write per changed view;
 * - an event at or below the view's version is a duplicate or a replay and changes nothing;
 * - an event beyond the next version (its predecessors not delivered yet) fills the gap from the event store;
 * - each write is conditional on the version it read, so a stale writer never overwrites a newer view.
 * A poison event (no schema, corrupt data) fails alone with whatever follows it in that order's stream;
 * other orders in the batch still project.
 */
export async function projectOrderViews(
  deps: ProjectionDeps,
  events: readonly StoredEvent[],
): Promise<ProjectionResult> {
  const streams = groupByOrder(events);
  // An order whose first event is in the batch has no view yet (or, on a redelivery, one its conditional
  // write will find): only the others need reading.
  const continuing = [...streams]
    .filter(([, stream]) => (stream[0]?.version ?? 0) > 1)
    .map(([orderId]) => orderId);
  const stored = continuing.length > 0 ? await deps.views.getMany(continuing) : new Map<string, OrderView>();
  const outcomes = await Promise.all(
    [...streams].map(([orderId, stream]) => projectStream(deps, orderId, stream, stored.get(orderId))),
  );
  return {
    failed: outcomes.flatMap((outcome) => outcome.failed),
    errors: outcomes.flatMap((outcome) => (outcome.error === undefined ? [] : [outcome.error])),
    writes: outcomes.reduce((sum, outcome) => sum + outcome.writes, 0),
  };
}

interface StreamOutcome {
  readonly failed: StoredEvent[];
  readonly error?: ProjectionError;
  readonly writes: number;
}

interface Folded {
  readonly view: OrderView | undefined;
  readonly failed: StoredEvent[];
  readonly error?: ProjectionError;
}

async function projectStream(
  deps: ProjectionDeps,
  orderId: string,
  stream: readonly StoredEvent[],
  initial: OrderView | undefined,
): Promise<StreamOutcome> {
  let stored = initial;
  for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
    const folded = await fold(deps, orderId, stored, stream);
    if (folded.view === stored || folded.view === undefined) return { ...folded, writes: 0 };
    if (await deps.views.put(folded.view, stored?.version ?? 0)) return { ...folded, writes: 1 };
    // Refused: another writer (or an earlier delivery of this batch) got there first. Read what it wrote.
    stored = await deps.views.get(orderId);
  }
  const lost = new Error(`Lost ${MAX_WRITE_ATTEMPTS} races to write the view of ${orderId}.`);
  return {
    failed: [...stream],
    error: { orderId, version: stream[0]?.version ?? 0, error: lost },
    writes: 0,
  };
}

async function fold(
  deps: ProjectionDeps,
  orderId: string,
  start: OrderView | undefined,
  stream: readonly StoredEvent[],
): Promise<Folded> {
  let view = start;
  for (const [index, stored] of stream.entries()) {
    try {
      const step = applyToView(view, toOrderEvent(stored));
      if (step.kind === 'applied') view = step.view;
      if (step.kind === 'gap') {
        // Everything after the view's version, straight from the store: later batch events become stale.
        const missing = await deps.eventStore.load(orderId, { afterVersion: step.missingFrom - 1 });
        for (const event of missing) {
          const filled = applyToView(view, toOrderEvent(event));
          if (filled.kind === 'applied') view = filled.view;
        }
        if ((view?.version ?? 0) < stored.version)
          throw new RangeError(`${orderId}@${stored.version} is not stored.`);
      }
    } catch (error) {
      return { view, failed: stream.slice(index), error: { orderId, version: stored.version, error } };
    }
  }
  return { view, failed: [] };
}

function groupByOrder(events: readonly StoredEvent[]): Map<string, StoredEvent[]> {
  const streams = new Map<string, Map<number, StoredEvent>>();
  for (const event of events) {
    const stream = streams.get(event.aggregateId) ?? new Map<number, StoredEvent>();
    stream.set(event.version, event);
    streams.set(event.aggregateId, stream);
  }
  return new Map(
    [...streams].map(([orderId, byVersion]) => [
      orderId,
      [...byVersion.values()].sort((a, b) => a.version - b.version),
    ]),
  );
}
