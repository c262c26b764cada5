/**
 * What a stretch of the local cloud's trace (`npm start -- --trace`) did, in the units AWS bills by:
 * requests per API, Lambda invocations and their billed milliseconds and memory, DynamoDB read and write
 * units per table (the endpoint traces DynamoDB Local's own ConsumedCapacity), events put on the bus,
 * rule deliveries, SQS messages and batches, stream batches, state transitions and log bytes. Pure: fed
 * one line at a time, it knows nothing of the app but what `isExternal` tells it to leave out (a stand-in
 * for a third party, whose bill is not ours).
 */
export interface Footprint {
  /** Requests per API, by the API's name. */
  readonly apiRequests: Readonly<Record<string, number>>;
  readonly lambda: {
    readonly invocations: number;
    /** Billed duration (each invocation rounded up to the millisecond) times memory, in GB-seconds. */
    readonly gbSeconds: number;
    /** Invocations per function. */
    readonly byFunction: Readonly<Record<string, number>>;
  };
  readonly dynamodb: {
    readonly readUnits: number;
    readonly writeUnits: number;
    /** Writes refused by a condition or a cancelled transaction: DynamoDB bills them a write unit each. */
    readonly failedWrites: number;
    /** Units (read and write) per table. */
    readonly byTable: Readonly<Record<string, number>>;
  };
  /** PutEvents entries: what EventBridge bills per event (each 64 KB). */
  readonly eventsPublished: number;
  /** Rule matches delivered to a target: free to Lambda, SQS and Step Functions targets. */
  readonly ruleDeliveries: number;
  readonly sqs: { readonly messages: number; readonly batches: number };
  /** Batches a stream handed to a function: Lambda's own stream reads are free. */
  readonly streamBatches: number;
  readonly stateTransitions: number;
  /** Bytes written to CloudWatch Logs by the functions' own lines and the APIs' access logs. */
  readonly logBytes: { readonly functions: number; readonly accessLogs: number };
}

/** Memory per function name, as the cloud runs it (LocalCloud.functions). */
export type MemoryOf = (functionName: string) => number;

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
const LEVELS: readonly LogLevel[] = ['DEBUG', 'INFO', 'WARN', 'ERROR'];

const READ_OR_WRITE = /^(?<table>\S+) (?<units>[\d.]+) (?<kind>RRU|WRU)$/;
const WRITES = /^DynamoDB_20120810\.(PutItem|UpdateItem|DeleteItem|BatchWriteItem|TransactWriteItems)$/;

export class FootprintCounter {
  private readonly api = new Map<string, number>();
  private readonly functions = new Map<string, number>();
  private readonly tables = new Map<string, number>();
  private invocations = 0;
  private gbSeconds = 0;
  private readUnits = 0;
  private writeUnits = 0;
  private failedWrites = 0;
  private eventsPublished = 0;
  private ruleDeliveries = 0;
  private sqsMessages = 0;
  private sqsBatches = 0;
  private streamBatches = 0;
  private stateTransitions = 0;
  private functionLogBytes = 0;
  private accessLogBytes = 0;

  constructor(
    private readonly memoryOf: MemoryOf,
    private readonly options: {
      /** Names (functions, tables, APIs) of what stands in for a third party: left out. */
      readonly isExternal?: (name: string) => boolean;
      /**
       * The level the modelled stage logs at: JSON lines below it are left out (the local stage logs
       * DEBUG; production INFO).
       */
      readonly logLevel?: LogLevel;
    } = {},
  ) {}

  private isExternal(name: string): boolean {
    return this.options.isExternal?.(name) ?? false;
  }

  /** One trace line, `<kind padded to 8> <what>` as the local cloud emits it. */
  add(line: string): void {
    const [, kind = '', rest = ''] = /^(\S+)\s+(.*)$/s.exec(line) ?? [];
    if (kind === 'lambda') this.lambdaLine(rest);
    else if (kind === 'endpoint') this.endpointLine(rest);
    else if (kind === 'api') this.apiLine(rest);
    else if (kind === 'log') this.logLine(rest);
    else if (kind === 'events' && rest.startsWith('event ')) this.ruleDeliveries++;
    else if (kind === 'streams') this.streamBatches++;
    else if (kind === 'states' && / state \S+ entered$/.test(rest)) this.stateTransitions++;
    else if (kind === 'sqs') this.sqsLine(rest);
  }

  /** The footprint so far, divided by `orders`. */
  perOrder(orders: number): Footprint {
    const per = (value: number) => value / orders;
    const each = (map: Map<string, number>) =>
      Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, per(v)]));
    return {
      apiRequests: each(this.api),
      lambda: {
        invocations: per(this.invocations),
        gbSeconds: per(this.gbSeconds),
        byFunction: each(this.functions),
      },
      dynamodb: {
        readUnits: per(this.readUnits),
        writeUnits: per(this.writeUnits),
        failedWrites: per(this.failedWrites),
        byTable: each(this.tables),
      },
      eventsPublished: per(this.eventsPublished),
      ruleDeliveries: per(this.ruleDeliveries),
      sqs: { messages: per(this.sqsMessages), batches: per(this.sqsBatches) },
      streamBatches: per(this.streamBatches),
      stateTransitions: per(this.stateTransitions),
      logBytes: { functions: per(this.functionLogBytes), accessLogs: per(this.accessLogBytes) },
    };
  }

  // `<- <name> ok in 12 ms`, or `<- <name> Unhandled Error in 12 ms`; a throttled call never ran.
  private lambdaLine(rest: string): void {
    const ended = /^<- (\S+) (.+) in (\d+(?:\.\d+)?) ms$/.exec(rest);
    if (!ended) return;
    const [, name = '', outcome = '', ms = '0'] = ended;
    if (this.isExternal(name) || outcome.startsWith('Throttled')) return;
    this.invocations++;
    this.functions.set(name, (this.functions.get(name) ?? 0) + 1);
    const billedMs = Math.max(1, Math.ceil(Number(ms)));
    this.gbSeconds += (billedMs / 1000) * (this.memoryOf(name) / 1024);
  }

  // `DynamoDB_20120810.PutItem -> DynamoDB Local: <table> 1 WRU, <table> 2 WRU`, or `...: failed: <error>`.
  private endpointLine(rest: string): void {
    const [call = '', outcome] = rest.split(' -> DynamoDB Local: ');
    if (outcome === undefined) return;
    if (outcome.startsWith('failed: ')) {
      const refused = /ConditionalCheckFailed|TransactionCanceled/.test(outcome);
      if (refused && WRITES.test(call)) this.failedWrites++;
      return;
    }
    for (const part of outcome.split(', ')) {
      const groups = READ_OR_WRITE.exec(part)?.groups;
      if (!groups?.table || this.isExternal(groups.table)) continue;
      const units = Number(groups.units);
      if (groups.kind === 'RRU') this.readUnits += units;
      else this.writeUnits += units;
      this.tables.set(groups.table, (this.tables.get(groups.table) ?? 0) + units);
    }
  }

  // `<api name>: <access log line>`
  private apiLine(rest: string): void {
    const at = rest.indexOf(': ');
    const name = at < 0 ? rest : rest.slice(0, at);
    if (this.isExternal(name)) return;
    this.api.set(name, (this.api.get(name) ?? 0) + 1);
    if (at >= 0) this.accessLogBytes += Buffer.byteLength(rest.slice(at + 2)) + 1;
  }

  // `<function name>: <line>`; the relays and the publisher say how many events they put.
  private logLine(rest: string): void {
    const at = rest.indexOf(': ');
    if (at < 0) return;
    const name = rest.slice(0, at);
    if (this.isExternal(name)) return;
    const text = rest.slice(at + 2);
    const level = /^\{"level":"(\w+)"/.exec(text)?.[1] as LogLevel | undefined;
    const logged =
      level === undefined || LEVELS.indexOf(level) >= LEVELS.indexOf(this.options.logLevel ?? 'DEBUG');
    if (logged) this.functionLogBytes += Buffer.byteLength(text) + 1;
    if (text.includes('"message":"published"')) {
      const { records = 0, failed = 0 } = JSON.parse(text) as { records?: number; failed?: number };
      this.eventsPublished += records - failed;
    }
  }

  // `<mapping> -> <function>: {"messageIds":[...],...}`
  private sqsLine(rest: string): void {
    const json = rest.indexOf('{');
    if (json < 0) return;
    const { messageIds = [] } = JSON.parse(rest.slice(json)) as { messageIds?: string[] };
    if (messageIds.length === 0) return;
    this.sqsMessages += messageIds.length;
    this.sqsBatches++;
  }
}
