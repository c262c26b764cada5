import type { EventStore, EventStoreScan } from '../ports/event-store';
import type { OrderViews } from '../ports/order-views';
import { projectOrderViews } from './project-order-views';

/** Where a rebuild stands: enough to resume it after an interruption, and to report on it. */
export interface RebuildCheckpoint {
  /** The scan position after the last page applied; absent before the first and after the last. */
  readonly cursor?: string;
  readonly pages: number;
  readonly events: number;
  readonly writes: number;
  /** Orders whose stream could not be projected (a poison event): left out, listed for a person. */
  readonly failedOrders: readonly string[];
  readonly complete: boolean;
}

export interface CheckpointStore {
  read(): Promise<RebuildCheckpoint | undefined>;
  write(checkpoint: RebuildCheckpoint): Promise<void>;
}

export interface RebuildDeps {
  readonly source: EventStoreScan & Pick<EventStore, 'load'>;
  /** A fresh read table: the live one keeps serving (and being projected) until traffic is switched. */
  readonly target: OrderViews;
  readonly checkpoints: CheckpointStore;
  readonly onProgress?: (checkpoint: RebuildCheckpoint) => void;
  /** Checked between pages: an interrupted rebuild stops with its checkpoint written. */
  readonly shouldStop?: () => boolean;
}

export const START: RebuildCheckpoint = { pages: 0, events: 0, writes: 0, failedOrders: [], complete: false };

/**
 * Replays the whole event store into a read table, page by page, through the same projection the stream
 * feeds (so the result is what the projector would have built), publishing nothing. Each page is applied
 * before its checkpoint is written, and applying a page twice changes nothing (version-conditioned writes),
 * so a rebuild stopped anywhere resumes from its checkpoint with the same result.
 */
export async function rebuildOrderViews(deps: RebuildDeps, pageSize: number): Promise<RebuildCheckpoint> {
  let checkpoint = (await deps.checkpoints.read()) ?? START;
  if (checkpoint.complete) return checkpoint;
  do {
    if (deps.shouldStop?.()) return checkpoint;
    const page = await deps.source.scanPage(checkpoint.cursor, pageSize);
    const result = await projectOrderViews({ views: deps.target, eventStore: deps.source }, page.events);
    const failed = new Set([...checkpoint.failedOrders, ...result.failed.map((event) => event.aggregateId)]);
    const { cursor: _, ...rest } = checkpoint;
    checkpoint = {
      ...rest,
      ...(page.cursor === undefined ? {} : { cursor: page.cursor }),
      pages: checkpoint.pages + 1,
      events: checkpoint.events + page.events.length,
      writes: checkpoint.writes + result.writes,
      failedOrders: [...failed],
      complete: page.cursor === undefined,
    };
    await deps.checkpoints.write(checkpoint);
    deps.onProgress?.(checkpoint);
  } while (!checkpoint.complete);
  return checkpoint;
}
