/**
 * One entry of the local cloud's timeline, as the console gets it: the exact `--trace` line (printed
 * unchanged) plus what the console groups and filters by, so that it never parses the text back.
 */
export interface TraceRecord {
  /** Increasing from 1: a client asks for the records after the last one it has. */
  readonly seq: number;
  /** Epoch milliseconds. */
  readonly at: number;
  /** The line's tag: `lambda`, `log`, `events`, `sqs`, `states`, `api`, `endpoint`... */
  readonly kind: string;
  readonly line: string;
  /** The function an invocation or log line belongs to. */
  readonly fn?: string;
  readonly durationMs?: number;
  /** `ok`, or how an invocation failed. */
  readonly outcome?: string;
  /** Set after the fact for an invocation whose result, not its event, named it. */
  correlationId?: string;
}

/** What an emitter reports; `subject` (an event, a payload) is only looked into for a correlation id. */
export type TraceInput = Omit<TraceRecord, 'seq' | 'at' | 'correlationId'> & {
  readonly subject?: unknown;
};

/** Where the cloud's trace goes: the `--trace` printer, the console's ring, or both. */
export type TraceSink = (input: TraceInput) => TraceRecord | undefined;
