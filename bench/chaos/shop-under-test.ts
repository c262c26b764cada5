import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  ListStateMachinesCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { DEFAULT_LOCAL_CREDENTIALS } from '@shop/local-cloud';
import { chargeIdFor } from '../../lambdas/payment-provider/domain/ledger';
import { chargeKey } from '../../lambdas/payments/domain/payment';
import { readOutputs } from '../../test/e2e/target';
import { StubProvider } from '../../test/helpers/stub-provider';

/**
 * What the chaos engine reaches besides the public API, over HTTP only: the stub provider's admin route
 * and records (with the shop's account: its URL and API key, from the secret the outputs name), the local endpoint's crash hook, and Step Functions on that
 * endpoint for the saga's definition (which function each step invokes) and its executions.
 */
export interface Behaviour {
  readonly latencyMs: number;
  readonly failureRate: number;
}

export const HEALTHY: Behaviour = { latencyMs: 0, failureRate: 0 };

/** The provider's record of an order's charge (its own ledger, not the shop's). */
export interface Charge {
  readonly status: 'captured' | 'declined' | 'refunded' | 'voided';
  readonly amount: number;
  readonly refundedAmount: number;
}

export interface CrashPlan {
  readonly times: number;
  readonly afterMs: number;
  /** Only the invocations whose event contains this (an order's correlation id) crash. */
  readonly payloadContains: string;
}

export type ExecutionStatus =
  | 'RUNNING'
  | 'SUCCEEDED'
  | 'FAILED'
  | 'TIMED_OUT'
  | 'ABORTED'
  | 'PENDING_REDRIVE';

const SAGA_MACHINE_SUFFIX = '-place-order-saga';

export class ShopUnderTest {
  private constructor(
    private readonly endpoint: string,
    private readonly provider: StubProvider,
    private readonly sfn: SFNClient,
    private readonly machineArn: string,
    /** Each Task state of the saga (its name in the definition) -> the function it invokes. */
    readonly stepFunctions: ReadonlyMap<string, string>,
  ) {}

  /**
   * From the outputs file (E2E_OUTPUTS_FILE) and the local endpoint (E2E_AWS_ENDPOINT). The step functions
   * are read from the deployed saga's definition, so no generated name is written here.
   */
  static async connect(): Promise<ShopUnderTest> {
    const endpoint = process.env.E2E_AWS_ENDPOINT;
    if (endpoint === undefined)
      throw new Error('The chaos engine needs the local cloud: no E2E_AWS_ENDPOINT');
    const sfn = new SFNClient({ endpoint, region: 'us-east-1', credentials: DEFAULT_LOCAL_CREDENTIALS });
    try {
      const { stateMachines = [] } = await sfn.send(new ListStateMachinesCommand({}));
      const machine = stateMachines.find((candidate) => candidate.name?.endsWith(SAGA_MACHINE_SUFFIX));
      if (machine?.stateMachineArn === undefined) throw new Error('No place-order saga state machine');
      const { definition } = await sfn.send(
        new DescribeStateMachineCommand({ stateMachineArn: machine.stateMachineArn }),
      );
      const steps = taskFunctions(JSON.parse(definition ?? '{}'));
      const provider = await StubProvider.of(readOutputs(), endpoint);
      return new ShopUnderTest(endpoint, provider, sfn, machine.stateMachineArn, steps);
    } catch (error) {
      sfn.destroy();
      throw error;
    }
  }

  functionOf(step: string): string {
    const name = this.stepFunctions.get(step);
    if (name === undefined)
      throw new Error(`The saga has no step ${step}: ${[...this.stepFunctions.keys()]}`);
    return name;
  }

  behave(behaviour: Behaviour): Promise<void> {
    return this.provider.behave(behaviour);
  }

  async armCrash(step: string, plan: CrashPlan): Promise<void> {
    const response = await fetch(`${this.endpoint}/_local/lambda/crashes`, {
      method: 'POST',
      body: JSON.stringify({ functionName: this.functionOf(step), ...plan }),
    });
    if (response.status !== 200) throw new Error(`Arming a crash of ${step}: ${await response.text()}`);
  }

  async clearCrashes(): Promise<void> {
    await fetch(`${this.endpoint}/_local/lambda/crashes`, { method: 'DELETE' });
  }

  /** The order's saga execution (named after the order), or undefined while none has started. */
  async executionOf(orderId: string): Promise<ExecutionStatus | undefined> {
    try {
      const { status } = await this.sfn.send(
        new DescribeExecutionCommand({ executionArn: this.executionArn(orderId) }),
      );
      return status as ExecutionStatus;
    } catch (error) {
      if (error instanceof ExecutionDoesNotExist) return undefined;
      throw error;
    }
  }

  /** How many task attempts of the order's execution ended in a crashed environment (Runtime.ExitError). */
  async crashesSeen(orderId: string): Promise<number> {
    const { events = [] } = await this.sfn.send(
      new GetExecutionHistoryCommand({ executionArn: this.executionArn(orderId), maxResults: 1000 }),
    );
    // Task attempts only: an execution that failed of it carries the same error in ExecutionFailed.
    return events.filter(
      (event) =>
        (event.lambdaFunctionFailedEventDetails ?? event.taskFailedEventDetails)?.error ===
        'Runtime.ExitError',
    ).length;
  }

  /** The provider's record of the order's charge: its id follows from the key payments charges with. */
  async chargeOf(orderId: string): Promise<Charge | undefined> {
    return (await this.provider.charge(chargeIdFor(chargeKey(orderId)))) as Charge | undefined;
  }

  private executionArn(orderId: string): string {
    return `${this.machineArn.replace(':stateMachine:', ':execution:')}:${orderId}`;
  }

  close(): void {
    this.sfn.destroy();
  }
}

interface AslState {
  readonly Type?: string;
  readonly Resource?: string;
  readonly Parameters?: { readonly FunctionName?: string };
  readonly States?: Readonly<Record<string, AslState>>;
  readonly Branches?: readonly AslState[];
  readonly Iterator?: AslState;
  readonly ItemProcessor?: AslState;
}

/**
 * Every Task state that invokes a function, by state name: `Resource` is the function's ARN (a
 * LambdaInvoke with payloadResponseOnly) or `arn:aws:states:::lambda:invoke` with `FunctionName`.
 */
export function taskFunctions(definition: AslState): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (machine: AslState | undefined) => {
    for (const [name, state] of Object.entries(machine?.States ?? {})) {
      const resource = state.Resource ?? '';
      const fn = resource.startsWith('arn:aws:lambda:') ? resource : state.Parameters?.FunctionName;
      if (state.Type === 'Task' && fn !== undefined) found.set(name, fn);
      for (const branch of state.Branches ?? []) visit(branch);
      visit(state.Iterator ?? state.ItemProcessor);
    }
  };
  visit(definition);
  return found;
}
