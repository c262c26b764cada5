import { randomUUID } from 'node:crypto';
import { type AwsJsonService, AwsServiceError } from '../endpoint/aws-json-service';
import { LOCAL_REGION, type ResolvedResource } from '../model/resolved-resource';
import {
  describeExecutionOutput,
  epochSeconds,
  historyEventOutput,
  optionalString,
  page,
  requiredString,
} from './api-shapes';
import { buildStateMachines, describeFindings } from './build-state-machines';
import { ClosedExecution } from './closed-execution';
import { validationError } from './definition-scan';
import { Execution, type ExecutionDependencies } from './execution';
import { executionArn, parseExecutionInput, validateExecutionName } from './execution-names';
import type { ExecutionStore, StartedRecord } from './execution-store';
import type { LocalStateMachine, StepFunctionsOptions } from './types';

const STATUSES = new Set(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']);

/**
 * The local Step Functions: the assembly's state machines, their executions, and the Step Functions API
 * (awsJson 1.0, `AWSStepFunctions.<Operation>`) for the single local endpoint.
 */
export class LocalStepFunctions implements AwsJsonService {
  readonly targetPrefix = 'AWSStepFunctions';
  readonly jsonVersion = '1.0';
  private readonly machines = new Map<string, LocalStateMachine>();
  /** By execution ARN, in start order. */
  private readonly executions = new Map<string, Execution | ClosedExecution>();
  private readonly store: ExecutionStore | undefined;
  /** Executions the store says were running when the cloud stopped: `resumeInterrupted()` runs them. */
  private readonly interrupted: StartedRecord[] = [];
  /**
   * Executions that `close()` aborted: AWS would have carried them on, so the store keeps them as
   * running, to be resumed at the next start.
   */
  private readonly abortedByShutdown = new Set<string>();
  private readonly dependencies: ExecutionDependencies;
  /** The interpreter's validation result per machine ARN, computed at its first execution. */
  private readonly validated = new Map<string, string | undefined>();
  private closed = false;

  constructor(resources: readonly ResolvedResource[], options: StepFunctionsOptions) {
    const integrations = options.integrations ?? {};
    for (const machine of buildStateMachines(resources, new Set(Object.keys(integrations)))) {
      this.machines.set(machine.arn, machine);
    }
    const trace = options.onTrace ?? (() => undefined);
    this.dependencies = {
      lambda: options.lambda,
      integrations,
      region: options.region ?? LOCAL_REGION,
      timeScale: options.timeScale ?? 1,
      trace,
    };
    this.store = options.store;
    if (this.store) this.restore(this.store);
  }

  /**
   * Runs again, from their input and under the same name and ARN, the executions that were running when
   * the cloud last stopped: AWS would have carried them on; the app's tasks are idempotent, so running
   * them again from the start finishes them as carrying on would. Call once the services they call exist.
   */
  resumeInterrupted(): void {
    for (const record of this.interrupted.splice(0)) {
      const machine = this.machines.get(record.stateMachineArn);
      if (!machine) continue;
      this.dependencies.trace(`execution ${record.name} resumed: it was running when the cloud stopped`, {
        executionArn: record.executionArn,
        name: record.name,
        status: 'RUNNING',
        input: record.input,
      });
      const execution = new Execution(
        machine,
        record.executionArn,
        record.name,
        record.input,
        this.dependencies,
        new Date(record.startDate),
      );
      this.executions.set(record.executionArn, execution);
      this.recordWhenClosed(execution);
    }
  }

  /** What the local cloud prints at start: one line per unsupported or not-emulated feature. */
  warnings(): string[] {
    return [...this.machines.values()].flatMap(describeFindings);
  }

  stateMachines(): readonly LocalStateMachine[] {
    return [...this.machines.values()];
  }

  /** In-process StartExecution (EventBridge targets): same rules and answer as the API operation. */
  async startExecution(stateMachineArn: string, input = '{}', name?: string) {
    const execution = this.start(stateMachineArn, input, name);
    return { executionArn: execution.executionArn, startDate: execution.startDate };
  }

  /** Resolves when no execution is running and every task they started has answered. */
  async drain(): Promise<void> {
    // An execution may start while waiting (e.g. from an EventBridge target): wait until none is added.
    let waitedFor = -1;
    while (waitedFor !== this.executions.size) {
      waitedFor = this.executions.size;
      await Promise.all([...this.executions.values()].map((execution) => execution.done));
    }
  }

  /** Stops every running execution (ABORTED) and waits for them; no new execution starts afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    for (const execution of this.executions.values()) {
      if (execution.status === 'RUNNING') this.abortedByShutdown.add(execution.executionArn);
      execution.stop('LocalCloud.Shutdown', 'The local cloud stopped');
    }
    await this.drain();
  }

  async handle(operation: string, input: Record<string, unknown>): Promise<unknown> {
    switch (operation) {
      case 'StartExecution':
        return this.startOperation(input);
      case 'StartSyncExecution':
        return this.startSyncOperation(input);
      case 'DescribeExecution':
        return describeExecutionOutput(this.execution(requiredString(input, 'executionArn')));
      case 'StopExecution':
        return this.stopOperation(input);
      case 'GetExecutionHistory':
        return this.historyOperation(input);
      case 'ListExecutions':
        return this.listExecutionsOperation(input);
      case 'ListStateMachines':
        return this.listStateMachinesOperation(input);
      case 'DescribeStateMachine':
        return this.describeStateMachineOperation(input);
      default:
        throw new AwsServiceError(
          'UnknownOperationException',
          `Operation ${operation} is not supported locally`,
        );
    }
  }

  private startOperation(input: Record<string, unknown>) {
    const execution = this.start(
      requiredString(input, 'stateMachineArn'),
      optionalString(input, 'input') ?? '{}',
      optionalString(input, 'name'),
    );
    return { executionArn: execution.executionArn, startDate: epochSeconds(execution.startDate) };
  }

  private async startSyncOperation(input: Record<string, unknown>) {
    const machine = this.machine(requiredString(input, 'stateMachineArn'));
    if (machine.type !== 'EXPRESS') {
      throw new AwsServiceError(
        'StateMachineTypeNotSupported',
        'This operation is only supported by EXPRESS state machines',
      );
    }
    const execution = this.start(
      machine.arn,
      optionalString(input, 'input') ?? '{}',
      optionalString(input, 'name'),
    );
    await execution.done;
    const { redriveCount: _redriveCount, ...description } = describeExecutionOutput(execution);
    const durationMs = (execution.stopDate ?? new Date()).getTime() - execution.startDate.getTime();
    return {
      ...description,
      billingDetails: {
        billedMemoryUsedInMB: 64,
        billedDurationInMilliseconds: Math.max(100, Math.ceil(durationMs / 100) * 100),
      },
    };
  }

  /**
   * StartExecution's rules: a STANDARD execution name is unique per machine; the same name and input
   * while that execution runs answers the same execution (idempotent start), anything else is
   * ExecutionAlreadyExists. A definition with unsupported features is refused (InvalidDefinition) rather
   * than run differently from AWS.
   */
  private start(stateMachineArn: string, input: string, name: string = randomUUID()): Execution {
    if (this.closed)
      throw new AwsServiceError('ServiceUnavailable', 'The local Step Functions service is closed', 503);
    const machine = this.machine(stateMachineArn);
    validateExecutionName(name);
    parseExecutionInput(input);
    this.refuseUnrunnable(machine);
    const arn = executionArn(machine, name, randomUUID());
    const existing = this.executions.get(arn);
    if (existing) {
      if (existing instanceof Execution && existing.status === 'RUNNING' && existing.input === input)
        return existing;
      throw new AwsServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
    }
    const execution = new Execution(machine, arn, name, input, this.dependencies);
    this.executions.set(arn, execution);
    if (this.store && machine.type === 'STANDARD') {
      // AWS keeps STANDARD executions (and their names); EXPRESS ones are only logged.
      this.store.started({
        executionArn: arn,
        stateMachineArn: machine.arn,
        name,
        input,
        startDate: execution.startDate.toISOString(),
      });
      this.recordWhenClosed(execution);
    }
    return execution;
  }

  /** Executions from the store: ended ones answer as before; running ones wait for `resumeInterrupted()`. */
  private restore(store: ExecutionStore): void {
    for (const stored of store.load()) {
      const machine = this.machines.get(stored.stateMachineArn);
      if (!machine) continue; // the machine left the app: so did its executions
      if (stored.closed)
        this.executions.set(stored.executionArn, new ClosedExecution(machine, stored, stored.closed));
      else this.interrupted.push(stored);
    }
  }

  /** Stores the execution's end, unless the shutdown caused it. */
  private recordWhenClosed(execution: Execution): void {
    void execution.done.then(() => {
      const { status } = execution; // never RUNNING here: `done` settles after the run has ended
      if (!this.store || status === 'RUNNING' || this.abortedByShutdown.has(execution.executionArn)) return;
      this.store.closed(execution.executionArn, {
        status,
        stopDate: (execution.stopDate ?? new Date()).toISOString(),
        ...(execution.output === undefined ? {} : { output: execution.output }),
        ...(execution.error === undefined ? {} : { error: execution.error }),
        ...(execution.cause === undefined ? {} : { cause: execution.cause }),
        history: execution.history
          .list()
          .map((event) => ({ ...event, timestamp: event.timestamp.toISOString() })),
      });
    });
  }

  private refuseUnrunnable(machine: LocalStateMachine): void {
    const reasons = machine.findings
      .filter((finding) => finding.level === 'unsupported')
      .map((finding) => `${finding.state ?? 'definition'}: ${finding.message}`);
    if (reasons.length === 0) {
      if (!this.validated.has(machine.arn))
        this.validated.set(machine.arn, validationError(machine.definition));
      const invalid = this.validated.get(machine.arn);
      if (invalid) reasons.push(invalid);
    }
    if (reasons.length > 0) {
      throw new AwsServiceError(
        'InvalidDefinition',
        `Cannot run ${machine.name} locally: ${reasons.join('; ')}`,
      );
    }
  }

  private stopOperation(input: Record<string, unknown>) {
    const execution = this.execution(requiredString(input, 'executionArn'));
    execution.stop(optionalString(input, 'error'), optionalString(input, 'cause'));
    return { stopDate: epochSeconds(execution.stopDate ?? new Date()) };
  }

  private historyOperation(input: Record<string, unknown>) {
    const execution = this.execution(requiredString(input, 'executionArn'));
    const events = [...execution.history.list()];
    if (input.reverseOrder === true) events.reverse();
    const { items, nextToken } = page(events, input);
    return { events: items.map(historyEventOutput), ...(nextToken ? { nextToken } : {}) };
  }

  private listExecutionsOperation(input: Record<string, unknown>) {
    const machine = this.machine(requiredString(input, 'stateMachineArn'));
    if (machine.type === 'EXPRESS') {
      throw new AwsServiceError(
        'StateMachineTypeNotSupported',
        'ListExecutions is not supported by EXPRESS state machines',
      );
    }
    const status = optionalString(input, 'statusFilter');
    if (status !== undefined && !STATUSES.has(status)) {
      throw new AwsServiceError('ValidationException', `Invalid statusFilter: ${status}`);
    }
    // Newest first, as AWS lists them.
    const matching = [...this.executions.values()]
      .filter(
        (execution) => execution.machine === machine && (status === undefined || execution.status === status),
      )
      .reverse();
    const { items, nextToken } = page(matching, input);
    return {
      executions: items.map((execution) => ({
        executionArn: execution.executionArn,
        stateMachineArn: machine.arn,
        name: execution.name,
        status: execution.status,
        startDate: epochSeconds(execution.startDate),
        ...(execution.stopDate ? { stopDate: epochSeconds(execution.stopDate) } : {}),
      })),
      ...(nextToken ? { nextToken } : {}),
    };
  }

  private listStateMachinesOperation(input: Record<string, unknown>) {
    const { items, nextToken } = page([...this.machines.values()], input);
    return {
      stateMachines: items.map((machine) => ({
        stateMachineArn: machine.arn,
        name: machine.name,
        type: machine.type,
        creationDate: epochSeconds(machine.creationDate),
      })),
      ...(nextToken ? { nextToken } : {}),
    };
  }

  private describeStateMachineOperation(input: Record<string, unknown>) {
    const machine = this.machine(requiredString(input, 'stateMachineArn'));
    return {
      stateMachineArn: machine.arn,
      name: machine.name,
      status: 'ACTIVE',
      definition: machine.definitionString,
      roleArn: machine.roleArn,
      type: machine.type,
      creationDate: epochSeconds(machine.creationDate),
      ...(machine.loggingConfiguration === undefined
        ? {}
        : { loggingConfiguration: machine.loggingConfiguration }),
      ...(machine.tracingConfiguration === undefined
        ? {}
        : { tracingConfiguration: machine.tracingConfiguration }),
    };
  }

  private machine(arn: string): LocalStateMachine {
    if (!arn.startsWith('arn:')) throw new AwsServiceError('InvalidArn', `Invalid Arn: '${arn}'`);
    const machine = this.machines.get(arn);
    if (!machine)
      throw new AwsServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  private execution(arn: string): Execution | ClosedExecution {
    if (!arn.startsWith('arn:')) throw new AwsServiceError('InvalidArn', `Invalid Arn: '${arn}'`);
    const execution = this.executions.get(arn);
    if (!execution) throw new AwsServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return execution;
  }
}
