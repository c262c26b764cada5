import type { ClosedRecord, StartedRecord } from './execution-store';
import type { ExecutionStatus, HistoryEvent, LocalStateMachine } from './types';

/**
 * An execution that ended before the local cloud last stopped, read back from the execution store: it
 * answers DescribeExecution, GetExecutionHistory and ListExecutions as it did, and keeps its name taken.
 */
export class ClosedExecution {
  readonly executionArn: string;
  readonly name: string;
  readonly input: string;
  readonly status: ExecutionStatus;
  readonly startDate: Date;
  readonly stopDate: Date;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  readonly history: { list(): readonly HistoryEvent[] };
  /** Nothing runs: settled from the start. */
  readonly done = Promise.resolve();

  constructor(
    readonly machine: LocalStateMachine,
    started: StartedRecord,
    closed: ClosedRecord,
  ) {
    this.executionArn = started.executionArn;
    this.name = started.name;
    this.input = started.input;
    this.startDate = new Date(started.startDate);
    this.status = closed.status;
    this.stopDate = new Date(closed.stopDate);
    if (closed.output !== undefined) this.output = closed.output;
    if (closed.error !== undefined) this.error = closed.error;
    if (closed.cause !== undefined) this.cause = closed.cause;
    const events = closed.history.map((event) => ({ ...event, timestamp: new Date(event.timestamp) }));
    this.history = { list: () => events };
  }

  /** StopExecution of an execution that has ended changes nothing, as for a running one that ended. */
  stop(): void {}
}
