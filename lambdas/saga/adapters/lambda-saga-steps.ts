import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { type SagaSteps, type SettlingStep, StepFailed, type SweeperStep } from '../ports/stuck-orders';

/** The step functions invoked synchronously by name, as the state machine invokes them. */
export class LambdaSagaSteps implements SagaSteps {
  constructor(
    private readonly lambda: LambdaClient,
    private readonly functionNames: Readonly<Record<SweeperStep, string>>,
  ) {}

  async run(step: SettlingStep, input: Record<string, unknown>): Promise<void> {
    await this.invoke(step, input);
  }

  async loadOrderStatus(input: Record<string, unknown>): Promise<string> {
    const { status } = (await this.invoke('LoadOrderStatus', input)) as { status?: unknown };
    if (typeof status !== 'string') throw new StepFailed('LoadOrderStatus', 'InvalidAnswer', 'no status');
    return status;
  }

  private async invoke(step: SweeperStep, input: Record<string, unknown>): Promise<unknown> {
    const answer = await this.lambda.send(
      new InvokeCommand({
        FunctionName: this.functionNames[step],
        Payload: new TextEncoder().encode(JSON.stringify(input)),
      }),
    );
    const payload = answer.Payload ? new TextDecoder().decode(answer.Payload) : '{}';
    if (answer.FunctionError === undefined) return JSON.parse(payload || 'null') as unknown;
    const { errorType, errorMessage } = JSON.parse(payload) as { errorType?: string; errorMessage?: string };
    throw new StepFailed(step, errorType ?? 'Lambda.Unknown', errorMessage ?? payload);
  }
}
