import type { LambdaService } from '../lambda/types';
import type { ExecutionStore } from './execution-store';

/** A state machine definition as parsed JSON (Amazon States Language); checked by definition-scan.ts. */
export type AslObject = Readonly<Record<string, unknown>>;

/**
 * Something in a definition the local cloud cannot run faithfully (`unsupported`: executions are refused)
 * or accepts without emulating it (`not-emulated`: e.g. logging, tracing, heartbeats). Reported at start.
 */
export interface DefinitionFinding {
  readonly level: 'unsupported' | 'not-emulated';
  /** The state it concerns; absent for the machine as a whole. */
  readonly state?: string;
  readonly message: string;
}

export type StateMachineType = 'STANDARD' | 'EXPRESS';

/** One AWS::StepFunctions::StateMachine of the assembly, ready to run. */
export interface LocalStateMachine {
  readonly name: string;
  readonly arn: string;
  readonly type: StateMachineType;
  /** The definition as the template resolved it (DefinitionSubstitutions applied). */
  readonly definition: AslObject;
  /** What DescribeStateMachine answers as `definition`. */
  readonly definitionString: string;
  readonly roleArn: string;
  readonly creationDate: Date;
  readonly loggingConfiguration?: unknown;
  readonly tracingConfiguration?: unknown;
  readonly findings: readonly DefinitionFinding[];
}

/**
 * A pluggable service integration (e.g. `sqs:sendMessage`, `events:putEvents`, `dynamodb:putItem`),
 * keyed by the part of `arn:aws:states:::<key>` after `:::`. It gets the Task's effective parameters and
 * answers what AWS's integration answers; to fail the Task it throws a `TaskFailure` (error name + cause).
 */
export type ServiceIntegration = (
  parameters: unknown,
  context: { readonly executionArn: string; readonly stateName: string },
) => Promise<unknown>;

export interface StepFunctionsOptions {
  readonly lambda: LambdaService;
  readonly integrations?: Readonly<Record<string, ServiceIntegration>>;
  /**
   * Multiplies every duration the definition states (Wait `Seconds`, Retry `IntervalSeconds` and
   * `MaxDelaySeconds`, Task and machine `TimeoutSeconds`) so tests can run real definitions fast.
   * Default 1.
   */
  readonly timeScale?: number;
  /**
   * A readable timeline: `execution <name> state <State> entered|succeeded|failed ...`, and what the
   * line is about for a reader that wants fields rather than words (the local console).
   */
  readonly onTrace?: (line: string, about?: ExecutionTraceFacts) => void;
  readonly region?: string;
  /**
   * Keeps STANDARD executions across restarts (`fileExecutionStore`, the local cloud's `--data-dir`):
   * their names stay taken, their descriptions and histories readable, and those that were running are
   * run again by `resumeInterrupted()`. Default: in memory only.
   */
  readonly store?: ExecutionStore;
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** A state's step as a trace line tells it: `entered`, `succeeded`, `failed`, `retrying`, `caught`. */
export interface StateStep {
  readonly state: string;
  readonly step: string;
}

/** What one execution trace line is about: the execution (its status when the line was written), maybe a state. */
export interface ExecutionTraceFacts extends Partial<StateStep> {
  readonly executionArn: string;
  readonly name: string;
  readonly status: ExecutionStatus;
  /** The execution's input (JSON text), where a reader may find its correlation id. */
  readonly input: string;
}

/** One GetExecutionHistory event before serialisation; `details` goes under `<type>EventDetails`. */
export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId: number;
  readonly timestamp: Date;
  readonly type: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * A failed Task, the way Step Functions reports it: `name` is the error (`PaymentDeclinedError`,
 * `Lambda.Unknown`, `States.Timeout`, ...) that Retry/Catch `ErrorEquals` match, `message` is the cause.
 * The interpreter copies exactly these two into the Catch output `{ Error, Cause }`.
 */
export class TaskFailure extends Error {
  constructor(error: string, cause: string) {
    super(cause);
    this.name = error;
  }
}
