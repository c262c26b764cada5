import { dataDetails } from './execution-history';

/** The history names of one kind of Task: `LambdaFunction*` for a function ARN, `Task*` for integrations. */
export interface TaskEventNaming {
  readonly prefix: 'LambdaFunction' | 'Task';
  /** Extra details on every Task* event: `{ resourceType: 'lambda', resource: 'invoke' }`. */
  readonly resourceDetails: Readonly<Record<string, unknown>>;
}

interface PendingEvent {
  readonly type: string;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly timestamp: Date;
  readonly terminal: boolean;
}

/** The history events of one attempt of one Task, written by the task handler as it runs. */
export class TaskAttempt {
  readonly events: PendingEvent[] = [];
  closed = false;

  constructor(readonly naming: TaskEventNaming) {}

  scheduled(details: Readonly<Record<string, unknown>>): void {
    this.push(`${this.naming.prefix}Scheduled`, { ...this.naming.resourceDetails, ...details }, false);
    const started = this.naming.prefix === 'Task' ? this.naming.resourceDetails : undefined;
    this.push(`${this.naming.prefix}Started`, started, false);
  }

  succeeded(output: unknown): void {
    this.push(`${this.naming.prefix}Succeeded`, {
      ...this.naming.resourceDetails,
      ...dataDetails('output', output),
    });
  }

  failed(error: string, cause: string): void {
    this.push(`${this.naming.prefix}Failed`, { ...this.naming.resourceDetails, error, cause });
  }

  private push(type: string, details: Readonly<Record<string, unknown>> | undefined, terminal = true): void {
    // A late answer after States.Timeout belongs to no history: the state already failed.
    if (this.closed) return;
    this.events.push({ type, timestamp: new Date(), terminal, ...(details ? { details } : {}) });
  }
}

/**
 * Joins task attempts to the interpreter's state events. The interpreter reports states on an async event
 * stream that lags behind; the handler records its attempt synchronously. When the stream reports the
 * state's end (exited or failed), the oldest open attempt of that state is what ended, so its events go
 * into the history just before. Per-name FIFO: exact for sequential runs; concurrent Map iterations of
 * the same state may pair attempts across iterations.
 */
export class TaskEventLog {
  private readonly open = new Map<string, TaskAttempt[]>();

  begin(stateName: string, naming: TaskEventNaming): TaskAttempt {
    const attempt = new TaskAttempt(naming);
    const queue = this.open.get(stateName) ?? [];
    queue.push(attempt);
    this.open.set(stateName, queue);
    return attempt;
  }

  /** The events of the state's oldest open attempt; a timeout replaces its answer with `*TimedOut`. */
  end(stateName: string, error?: string): PendingEvent[] {
    const attempt = this.open.get(stateName)?.shift();
    if (!attempt) return [];
    attempt.closed = true;
    if (error !== 'States.Timeout') return attempt.events;
    const timedOut: PendingEvent = {
      type: `${attempt.naming.prefix}TimedOut`,
      details: { ...attempt.naming.resourceDetails, error: 'States.Timeout', cause: '' },
      timestamp: new Date(),
      terminal: true,
    };
    return [...attempt.events.filter((event) => !event.terminal), timedOut];
  }
}
