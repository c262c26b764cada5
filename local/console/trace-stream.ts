import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TraceRecord } from './trace-record';
import type { TraceRing } from './trace-ring';

/** Long enough to cost nothing, short enough that proxies and browsers keep an idle stream open. */
export const DEFAULT_HEARTBEAT_MS = 15_000;
/**
 * How far back a stream looks for records that gained a correlation id after they were sent (an
 * invocation named by its response): the page's polling rereads the same window.
 */
const REREAD = 50;

/**
 * The timeline as server-sent events: each new record once it is pushed, instead of the page asking
 * every second. An event per record (`id:` its seq, so a reconnecting EventSource resumes with
 * `Last-Event-ID`), the same record again, without an id, when it later gains a correlation id, and a
 * comment line as a heartbeat. `close()` ends every stream, so stopping the cloud is not held up by them.
 */
export class TraceStreams {
  private readonly open = new Set<() => void>();

  constructor(
    private readonly ring: TraceRing,
    private readonly heartbeatMs = DEFAULT_HEARTBEAT_MS,
  ) {}

  /** Streams the records after `Last-Event-ID` (a reconnection) or else `after` until either side ends it. */
  serve(req: IncomingMessage, res: ServerResponse, after: number): void {
    const resumed = Number(req.headers['last-event-id']);
    let lastSent = startAfter(Number.isFinite(resumed) && resumed > 0 ? resumed : after, this.ring.lastSeq);
    const uncorrelated = new Set<number>();
    const send = (record: TraceRecord, withId: boolean) =>
      res.write(`${withId ? `id: ${record.seq}\n` : ''}data: ${JSON.stringify(record)}\n\n`);
    const flush = () => {
      scheduled = undefined;
      for (const record of this.ring.after(Math.max(0, lastSent - REREAD))) {
        if (record.seq > lastSent) {
          send(record, true);
          lastSent = record.seq;
          if (!record.correlationId) uncorrelated.add(record.seq);
        } else if (record.correlationId && uncorrelated.delete(record.seq)) send(record, false);
      }
      for (const seq of uncorrelated) if (seq <= lastSent - REREAD) uncorrelated.delete(seq);
    };
    // After the pushing code's tick: an invocation's start gains its correlation id right after its end
    // is pushed, and a burst of records goes out as one write batch.
    let scheduled: NodeJS.Immediate | undefined;
    const unsubscribe = this.ring.onPush(() => {
      scheduled ??= setImmediate(flush);
    });
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), this.heartbeatMs);
    const end = () => {
      unsubscribe();
      clearInterval(heartbeat);
      if (scheduled) clearImmediate(scheduled);
      this.open.delete(end);
      if (!res.writableEnded) res.end();
    };
    this.open.add(end);
    res.once('close', end);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    // A dropped stream is tried again soon: the cloud restarting takes a second or two.
    res.write('retry: 1000\n\n');
    flush();
  }

  /** Ends every open stream (the cloud is stopping). */
  close(): void {
    for (const end of [...this.open]) end();
  }
}

/**
 * Where a stream starts: after the seq the client has, unless that is beyond the ring's last, which means
 * the cloud restarted (a new ring counts from 1 again): then from the start.
 */
function startAfter(seq: number, lastSeq: number): number {
  if (!Number.isFinite(seq) || seq < 0) return 0;
  return seq > lastSeq ? 0 : seq;
}
