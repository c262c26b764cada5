import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { type SagaSteps, type SettlingStep, StepFailed } from '../ports/stuck-orders';

/** The step functions invoked synchronously by name, as the state machine invokes them. */
export class LambdaSagaSteps implements SagaSteps {
  constructor(
    private readonly lambda: LambdaClient,
    private readonly functionNames: Readonly<Record<SettlingStep, string>>,
  ) {}

  async run(step: SettlingStep, input: Record<string, unknown>): Promise<void> {
    const answer = await this.lambda.send(
      new InvokeCommand({
        FunctionName: this.functionNames[step],
        Payload: new TextEncoder().encode(JSON.stringify(input)),
      }),
    );
    if (answer.FunctionError === undefined) return;
    const payload = answer.Payload ? new TextDecoder().decode(answer.Payload) : '{}';
    const { errorType, errorMessage } = JSON.parse(payload) as { errorType?: string; errorMessage?: string };
    throw new StepFailed(step, errorType ?? 'Lambda.Unknown', errorMessage ?? payload);
  }
}
