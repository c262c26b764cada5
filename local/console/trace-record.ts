/**
 * One entry of the local cloud's timeline, as the console gets it: the exact `--trace` line (printed
 * unchanged) plus what the console groups and filters by, so that it never parses the text back.
 */
export interface TraceRecord {
  /** Increasing from 1: a client asks for the records after the last one it has. */
  readonly seq: number;
  /** Epoch milliseconds. */
  readonly at: number;
  /**
   * What the record is about: `request` (an API's access line), `lambda`, `log`, `events`, `sqs`,
   * `states`, `websocket`, `endpoint`, `api` (the gateway's execution log)... Not always the line's first
   * word: the line keeps its `--trace` tag (`api`, `ws`) while the kind says what the page should draw.
   */
  readonly kind: string;
  readonly line: string;
  /** The function an invocation or log line belongs to. */
  readonly fn?: string;
  readonly durationMs?: number;
  /** `ok`, or how an invocation failed. */
  readonly outcome?: string;
  /** Set after the fact for an invocation whose result, not its event, named it. */
  correlationId?: string;
  /**
   * Every correlation id a queue batch serves (its messages may come from several requests), so that the
   * batch shows in each of their groups; `correlationId` is the first of them.
   */
  readonly correlationIds?: readonly string[];

  // The fields below let the page draw a record without parsing its line back: an access line's format
  // is the stage's to choose, and the other lines' wording is the `--trace` printer's, not an interface.

  /** The API a `request` or `websocket` record is about, by name. */
  readonly api?: string;
  /** A `request`'s HTTP method and path (with the stage, as the client sent it); its latency is `durationMs`. */
  readonly method?: string;
  readonly path?: string;
  /** A `request`'s HTTP status. */
  readonly status?: number;
  /**
   * What happened: a `websocket` record's event (`CONNECT`, `MESSAGE`, `DISCONNECT`, or an `@connections`
   * call), or a `states` record's step of its state (`entered`, `succeeded`, `failed`, `retrying`, `caught`).
   */
  readonly event?: string;
  /** A `websocket` record's route and connection (none for a handshake refused before it had one). */
  readonly routeKey?: string;
  readonly connectionId?: string;
  /** An `sqs` batch's queue (by name) and how many messages it handed the function. */
  readonly queue?: string;
  readonly messageCount?: number;
  /** A `states` record's execution (its name and ARN), the state it is about, and the execution's status. */
  readonly execution?: string;
  readonly executionArn?: string;
  readonly state?: string;
  readonly executionStatus?: string;
  /** An `endpoint` record's operation: `AWSEvents.PutEvents`, `lambda:Invoke`, `query 2010-03-31 Publish`... */
  readonly operation?: string;
}

/**
 * What an emitter reports. An emitter that knows the correlation id (an API request's header) says so;
 * otherwise `subject` (an event, a payload) is looked into for one, and never kept.
 */
export type TraceInput = Omit<TraceRecord, 'seq' | 'at'> & {
  readonly subject?: unknown;
};

/** Where the cloud's trace goes: the `--trace` printer, the console's ring, or both. */
export type TraceSink = (input: TraceInput) => TraceRecord | undefined;
