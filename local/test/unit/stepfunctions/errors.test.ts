import { DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { InvokeResult } from '../../../lambda/types';
import {
  type FakeHandler,
  fakeLambda,
  functionArn,
  invokeTask,
  machineArn,
  namedError,
  stateMachineResource,
  stepFunctionsKit,
} from './sfn-test-kit';

const start = stepFunctionsKit();

async function run(definition: Record<string, unknown>, handlers: Record<string, FakeHandler>, input = '{}') {
  const lambda = fakeLambda(handlers);
  const { service, client } = await start([stateMachineResource('M', definition)], {
    lambda: lambda.service,
  });
  const { executionArn } = await client.send(
    new StartExecutionCommand({ stateMachineArn: machineArn('M'), input }),
  );
  await service.drain();
  return {
    described: await client.send(new DescribeExecutionCommand({ executionArn })),
    called: lambda.called(),
  };
}

function failingTimes(times: number, name: string, answer: unknown = { charged: true }): FakeHandler {
  let calls = 0;
  return () => {
    calls += 1;
    if (calls <= times) throw namedError(name, `attempt ${calls} failed`);
    return answer;
  };
}

describe('Retry on the error name', () => {
  const retrying = (errorEquals: string[]) => ({
    StartAt: 'Charge',
    States: {
      Charge: invokeTask('charge', {
        Retry: [{ ErrorEquals: errorEquals, IntervalSeconds: 1, BackoffRate: 2, MaxAttempts: 3 }],
        End: true,
      }),
    },
  });

  it('retries a named custom error, then succeeds', async () => {
    const { described, called } = await run(retrying(['ProviderUnavailableError']), {
      charge: failingTimes(2, 'ProviderUnavailableError'),
    });

    expect(called).toEqual(['charge', 'charge', 'charge']);
    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.output ?? '')).toEqual({ charged: true });
  });

  it('does not retry an error of another name', async () => {
    const { described, called } = await run(retrying(['ProviderUnavailableError']), {
      charge: failingTimes(1, 'PaymentDeclinedError'),
    });

    expect(called).toEqual(['charge']);
    expect(described).toMatchObject({ status: 'FAILED', error: 'PaymentDeclinedError' });
  });

  it('gives up after MaxAttempts retries and fails with the last error', async () => {
    const { described, called } = await run(retrying(['States.ALL']), {
      charge: failingTimes(10, 'ProviderUnavailableError'),
    });

    expect(called).toHaveLength(4);
    expect(described).toMatchObject({ status: 'FAILED', error: 'ProviderUnavailableError' });
  });
});

describe('Catch and the error shape', () => {
  const catching = (errorEquals: string[], resource: Record<string, unknown> = invokeTask('charge')) => ({
    StartAt: 'Charge',
    States: {
      Charge: {
        ...resource,
        Catch: [{ ErrorEquals: errorEquals, ResultPath: '$.error', Next: 'Declined' }],
        End: true,
      },
      Declined: { Type: 'Pass', End: true },
    },
  });

  it('catches any error with States.ALL and keeps the input beside the error at ResultPath', async () => {
    const { described } = await run(
      catching(['States.ALL']),
      { charge: failingTimes(1, 'PaymentDeclinedError') },
      '{"orderId":"o-1"}',
    );

    expect(described.status).toBe('SUCCEEDED');
    const output = JSON.parse(described.output ?? '');
    expect(output).toEqual({
      orderId: 'o-1',
      error: { Error: 'PaymentDeclinedError', Cause: expect.any(String) },
    });
    // The Cause is the JSON string AWS puts there: Lambda's error payload.
    expect(JSON.parse(output.error.Cause)).toEqual({
      errorType: 'PaymentDeclinedError',
      errorMessage: 'attempt 1 failed',
      trace: expect.any(Array),
    });
  });

  it('catches on the custom error name and lets other names fail the execution', async () => {
    const caught = await run(catching(['PaymentDeclinedError']), {
      charge: failingTimes(1, 'PaymentDeclinedError'),
    });
    const uncaught = await run(catching(['PaymentDeclinedError']), { charge: failingTimes(1, 'TypeError') });

    expect(caught.described.status).toBe('SUCCEEDED');
    expect(uncaught.described).toMatchObject({ status: 'FAILED', error: 'TypeError' });
    expect(JSON.parse(uncaught.described.cause ?? '')).toMatchObject({ errorType: 'TypeError' });
  });

  it('shapes errors of a function ARN Resource the same way, and States.TaskFailed matches them', async () => {
    const direct = { Type: 'Task', Resource: functionArn('charge') };
    const { described } = await run(catching(['States.TaskFailed'], direct), {
      charge: failingTimes(1, 'PaymentDeclinedError'),
    });

    expect(JSON.parse(described.output ?? '').error.Error).toBe('PaymentDeclinedError');
  });

  it('reports an unknown function as Lambda.ResourceNotFoundException', async () => {
    const { described } = await run(
      { StartAt: 'Missing', States: { Missing: invokeTask('missing', { End: true }) } },
      {},
    );

    expect(described).toMatchObject({ status: 'FAILED', error: 'Lambda.ResourceNotFoundException' });
    expect(described.cause).toContain('Function not found');
  });
});

describe('Lambda service-level failures', () => {
  async function runWith(result: InvokeResult) {
    const { service, client } = await start(
      [stateMachineResource('M', { StartAt: 'A', States: { A: invokeTask('a', { End: true }) } })],
      { lambda: { invoke: async () => result, invokeAsync: async () => undefined } },
    );
    const { executionArn } = await client.send(
      new StartExecutionCommand({ stateMachineArn: machineArn('M') }),
    );
    await service.drain();
    return client.send(new DescribeExecutionCommand({ executionArn }));
  }

  it('names a throttled invoke Lambda.TooManyRequestsException', async () => {
    const described = await runWith({
      ok: false,
      functionError: 'Throttled',
      payload: { errorType: 'TooManyRequestsException', errorMessage: 'Rate Exceeded.' },
      durationMs: 0,
    });

    expect(described.error).toBe('Lambda.TooManyRequestsException');
    expect(described.cause).toContain('Error Code: TooManyRequestsException');
  });

  it('names an error without an error type Lambda.Unknown', async () => {
    const described = await runWith({
      ok: false,
      functionError: 'Unhandled',
      payload: { errorType: '', errorMessage: 'Process exited before completing request' },
      durationMs: 0,
    });

    expect(described.error).toBe('Lambda.Unknown');
    expect(described.cause).toContain('Process exited before completing request');
  });
});

describe('Task results', () => {
  it('lambda:invoke answers the Invoke output shape; a function ARN answers the payload', async () => {
    const definition = {
      StartAt: 'Integration',
      States: {
        Integration: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: functionArn('echo'), 'Payload.$': '$' },
          ResultPath: '$.integration',
          Next: 'Direct',
        },
        Direct: {
          Type: 'Task',
          Resource: functionArn('echo'),
          InputPath: '$.value',
          ResultPath: '$.direct',
          End: true,
        },
      },
    };
    const { described } = await run(
      definition,
      { echo: (event) => ({ echoed: event }) },
      '{"value":{"n":1}}',
    );

    const output = JSON.parse(described.output ?? '');
    expect(output.integration).toEqual({
      ExecutedVersion: '$LATEST',
      Payload: { echoed: { value: { n: 1 } } },
      SdkHttpMetadata: expect.objectContaining({ HttpStatusCode: 200 }),
      SdkResponseMetadata: { RequestId: expect.any(String) },
      StatusCode: 200,
    });
    expect(output.direct).toEqual({ echoed: { n: 1 } });
  });
});
