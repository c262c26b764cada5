import { formatTraceHeader, newTraceRoot } from '../shared/trace-header';
import { ExecutionHistory } from './execution-history';
import {
  ExecutionAbortedError,
  ExecutionTimeoutError,
  StateMachine,
  type StateMachineDefinition,
} from './interpreter';
import { recordInterpreterEvents } from './interpreter-events';
import { scaleDefinition } from './scale-definition';
import { TaskEventLog } from './task-event-log';
import { buildTaskHandlers, type TaskContext } from './task-handlers';
import type { ExecutionStatus, ExecutionTraceFacts, LocalStateMachine, StateStep } from './types';

type JsonInput = Parameters<StateMachine['run']>[0];

const terminalEventType: Record<ExecutionStatus, string> = {
  RUNNING: 'ExecutionStarted', // never used: the run has ended when this is read
  SUCCEEDED: 'ExecutionSucceeded',
  FAILED: 'ExecutionFailed',
  TIMED_OUT: 'ExecutionTimedOut',
  ABORTED: 'ExecutionAborted',
};

/** `TracingConfiguration.Enabled`: each execution is one X-Ray trace. */
function tracingEnabled(machine: LocalStateMachine): boolean {
  const config = machine.tracingConfiguration as { Enabled?: unknown } | undefined;
  return config?.Enabled === true;
}

export interface ExecutionDependencies
  extends Omit<TaskContext, 'executionArn' | 'taskLog' | 'track' | 'ended' | 'traceHeader'> {
  readonly timeScale: number;
  readonly trace: (line: string, about?: ExecutionTraceFacts) => void;
}

/** One execution: its description, its history, and the run that fills them in. */
export class Execution {
  status: ExecutionStatus = 'RUNNING';
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  readonly history = new ExecutionHistory();
  /** Settles when the run, its history and every task it started are finished. */
  readonly done: Promise<void>;
  private abortRun: () => void = () => undefined;
  /** Stopped, or its run has settled (a timeout included): its tasks start no new attempt. */
  private ended = false;

  constructor(
    readonly machine: LocalStateMachine,
    readonly executionArn: string,
    readonly name: string,
    readonly input: string,
    dependencies: ExecutionDependencies,
    /** Now, or the first start of an execution run again after a restart (same name, same execution). */
    readonly startDate = new Date(),
  ) {
    this.history.add('ExecutionStarted', {
      input,
      inputDetails: { truncated: false },
      roleArn: machine.roleArn,
    });
    this.done = this.run(dependencies).catch((error: unknown) => {
      // The interpreter could not even start (it threw synchronously): a failed execution, not a crash.
      this.fail(error);
      this.history.add(terminalEventType[this.status], this.terminalDetails(), this.stopDate);
    });
  }

  /** StopExecution: ABORTED at once, as AWS answers; the interpreter stops at the next state. */
  stop(error?: string, cause?: string): void {
    if (this.status !== 'RUNNING') return;
    this.finish('ABORTED', { ...(error ? { error } : {}), ...(cause ? { cause } : {}) });
    this.ended = true;
    this.abortRun();
  }

  private async run(dependencies: ExecutionDependencies): Promise<void> {
    const trace = (line: string, step?: StateStep) =>
      dependencies.trace(`execution ${this.name} ${line}`, {
        executionArn: this.executionArn,
        name: this.name,
        status: this.status,
        input: this.input,
        ...step,
      });
    const taskLog = new TaskEventLog();
    const tasks: Promise<unknown>[] = [];
    const handlers = buildTaskHandlers(this.machine.definition, {
      ...dependencies,
      executionArn: this.executionArn,
      taskLog,
      track: (work) => tasks.push(work),
      ended: () => this.ended,
      ...(tracingEnabled(this.machine)
        ? { traceHeader: formatTraceHeader({ root: newTraceRoot(this.startDate.getTime()), sampled: '1' }) }
        : {}),
    });
    // The definition was validated unscaled (definition-scan.ts); scaled durations may be fractional.
    const scaled = scaleDefinition(this.machine.definition, dependencies.timeScale);
    const interpreter = new StateMachine(scaled as unknown as StateMachineDefinition, {
      validationOptions: { noValidate: true },
    });
    trace('started');
    const run = interpreter.run(JSON.parse(this.input) as JsonInput, {
      overrides: { taskResourceLocalHandlers: handlers },
      context: this.contextObject(),
    });
    this.abortRun = run.abort;
    const settled = () => {
      this.ended = true;
    };
    const [outcome] = await Promise.all([
      run.result.then(
        (output) => {
          settled();
          return { ok: true as const, output };
        },
        (error: unknown) => {
          settled();
          return { ok: false as const, error };
        },
      ),
      recordInterpreterEvents(run.eventLogs, { history: this.history, taskLog, trace }),
    ]);
    if (outcome.ok) this.finish('SUCCEEDED', { output: JSON.stringify(outcome.output ?? null) });
    else this.fail(outcome.error);
    // Added after the interpreter's last state event, also when StopExecution ended the run earlier.
    this.history.add(terminalEventType[this.status], this.terminalDetails(), this.stopDate);
    trace(this.status.toLowerCase() + (this.error ? `: ${this.error}` : ''));
    await Promise.all(tasks);
  }

  private fail(error: unknown): void {
    if (error instanceof ExecutionAbortedError) {
      this.finish('ABORTED', {});
      return;
    }
    if (error instanceof ExecutionTimeoutError) {
      this.finish('TIMED_OUT', { error: 'States.Timeout' });
      return;
    }
    // ExecutionError wraps the state's error: its name is the Error, its message the Cause.
    const failure = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const name = failure instanceof Error ? failure.name : 'States.Runtime';
    const message = failure instanceof Error ? failure.message : String(failure);
    this.finish('FAILED', { error: name, cause: message });
  }

  private finish(
    status: Exclude<ExecutionStatus, 'RUNNING'>,
    result: { output?: string; error?: string; cause?: string },
  ) {
    if (this.status !== 'RUNNING') return; // stopped already: StopExecution's answer stands
    this.status = status;
    this.stopDate = new Date();
    Object.assign(this, result);
  }

  private terminalDetails(): Record<string, unknown> {
    if (this.status === 'SUCCEEDED') return { output: this.output, outputDetails: { truncated: false } };
    return { ...(this.error ? { error: this.error } : {}), ...(this.cause ? { cause: this.cause } : {}) };
  }

  /** The Context Object (`$$`): what AWS provides that the interpreter does not know by itself. */
  private contextObject() {
    return {
      Execution: {
        Id: this.executionArn,
        Name: this.name,
        RoleArn: this.machine.roleArn,
        StartTime: this.startDate.toISOString(),
        RedriveCount: 0,
      },
      StateMachine: { Id: this.machine.arn, Name: this.machine.name },
      // The interpreter keeps one Context Object per execution: `$$.State.EnteredTime` is read live, when a
      // state's paths are evaluated, which is the moment it is entered.
      State: {
        get EnteredTime() {
          return new Date().toISOString();
        },
      },
    };
  }
}
