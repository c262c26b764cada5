import { correlationIdIn } from './correlation-id';
import type { TraceInput, TraceRecord } from './trace-record';

/** Enough for a long session of clicking around; at a few hundred bytes each, a few MB at most. */
export const DEFAULT_RING_CAPACITY = 5000;

/**
 * The console's memory of the timeline: the last `capacity` records, oldest dropped first. Pushing is
 * O(1) and nothing else happens until a browser asks (`after`), so an unwatched console costs a
 * correlation scan per record and a bounded array.
 */
export class TraceRing {
  private readonly records: (TraceRecord | undefined)[];
  private readonly listeners = new Set<(record: TraceRecord) => void>();
  private next = 1;

  constructor(private readonly capacity = DEFAULT_RING_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new Error(`ring capacity must be >= 1: ${capacity}`);
    this.records = new Array(capacity);
  }

  push(input: TraceInput, at = Date.now()): TraceRecord {
    const { subject, ...fields } = input;
    const correlationId = fields.correlationId ?? correlationIdIn(subject);
    const record: TraceRecord = {
      ...fields,
      seq: this.next,
      at,
      ...(correlationId ? { correlationId } : {}),
    };
    this.records[(this.next - 1) % this.capacity] = record;
    this.next += 1;
    for (const listener of this.listeners) listener(record);
    return record;
  }

  /** Calls `listener` with each record pushed from now on (the console's streams); returns the unsubscribe. */
  onPush(listener: (record: TraceRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The records after `seq`, oldest first, at most `limit`; those already dropped are skipped. */
  after(seq: number, limit = this.capacity): TraceRecord[] {
    const first = Math.max(seq + 1, this.next - this.capacity, 1);
    const out: TraceRecord[] = [];
    for (let s = first; s < this.next && out.length < limit; s++) {
      const record = this.records[(s - 1) % this.capacity];
      if (record) out.push(record);
    }
    return out;
  }

  /** The seq the next record will get: a client that has everything asks `after(lastSeq)`. */
  get lastSeq(): number {
    return this.next - 1;
  }
}
