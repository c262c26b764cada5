import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import {
  fakeLambda,
  functionArn,
  invokeTask,
  machineArn,
  stateMachineResource,
  stepFunctionsKit,
} from './sfn-test-kit';

/** Two Tasks: the `lambda:invoke` integration and a function ARN as Resource. */
const twoSteps = {
  StartAt: 'First',
  States: {
    First: invokeTask('first', { ResultPath: '$.first', Next: 'Second' }),
    Second: { Type: 'Task', Resource: functionArn('second'), End: true },
  },
};

const start = stepFunctionsKit();

async function traceHeadersOf(tracing: Record<string, unknown>, executions: number) {
  const lambda = fakeLambda({ first: () => ({}), second: () => ({}) });
  const { service, client } = await start([stateMachineResource('Traced', twoSteps, tracing)], {
    lambda: lambda.service,
  });
  for (let i = 0; i < executions; i++) {
    await client.send(new StartExecutionCommand({ stateMachineArn: machineArn('Traced'), input: '{}' }));
  }
  await service.drain();
  return lambda.calls.map((call) => call.traceHeader);
}

describe('an execution of a state machine with X-Ray tracing', () => {
  it('is one trace, which its Lambda tasks continue; the next execution is another', async () => {
    const headers = await traceHeadersOf({ TracingConfiguration: { Enabled: true } }, 2);

    const roots = headers.map(
      (header) => /^Root=(1-[0-9a-f]{8}-[0-9a-f]{24});Sampled=1$/.exec(header ?? '')?.[1],
    );
    expect(roots).toHaveLength(4);
    expect(roots.every(Boolean)).toBe(true);
    expect(roots[0]).toBe(roots[1]);
    expect(roots[2]).toBe(roots[3]);
    expect(roots[0]).not.toBe(roots[2]);
  });

  it('passes no trace without tracing', async () => {
    expect(await traceHeadersOf({ TracingConfiguration: { Enabled: false } }, 1)).toEqual([
      undefined,
      undefined,
    ]);
  });
});
