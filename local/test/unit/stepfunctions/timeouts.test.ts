import { setTimeout as sleep } from 'node:timers/promises';
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import {
  fakeLambda,
  gate,
  invokeTask,
  machineArn,
  stateMachineResource,
  stepFunctionsKit,
} from './sfn-test-kit';

const start = stepFunctionsKit();

/** A function slower than the Task's 5 s timeout: 5 ms against 50 ms with the kit's time scale. */
const slow = () => sleep(50).then(() => ({ late: true }));

async function run(definition: Record<string, unknown>) {
  const lambda = fakeLambda({ slow });
  const { service, client } = await start([stateMachineResource('M', definition)], {
    lambda: lambda.service,
  });
  const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: machineArn('M') }));
  await service.drain();
  const described = await client.send(new DescribeExecutionCommand({ executionArn }));
  const { events = [] } = await client.send(new GetExecutionHistoryCommand({ executionArn }));
  return { described, types: events.map((event) => event.type) };
}

describe('timeouts', () => {
  it('fails a Task past TimeoutSeconds with States.Timeout, which Catch can name', async () => {
    const { described, types } = await run({
      StartAt: 'Slow',
      States: {
        Slow: invokeTask('slow', {
          TimeoutSeconds: 5,
          Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.error', Next: 'TimedOut' }],
          End: true,
        }),
        TimedOut: { Type: 'Pass', End: true },
      },
    });

    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.output ?? '').error.Error).toBe('States.Timeout');
    // The late answer is not in the history: the Task timed out.
    expect(types).toContain('TaskTimedOut');
    expect(types).not.toContain('TaskSucceeded');
  });

  it('does not match States.Timeout with States.TaskFailed, as AWS does', async () => {
    const { described } = await run({
      StartAt: 'Slow',
      States: {
        Slow: invokeTask('slow', {
          TimeoutSeconds: 5,
          Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Caught' }],
          End: true,
        }),
        Caught: { Type: 'Pass', End: true },
      },
    });

    expect(described).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
  });

  it('times the execution out past the machine TimeoutSeconds (TIMED_OUT)', async () => {
    const { described, types } = await run({
      TimeoutSeconds: 5,
      StartAt: 'Slow',
      States: { Slow: invokeTask('slow', { End: true }) },
    });

    expect(described.status).toBe('TIMED_OUT');
    expect(types.at(-1)).toBe('ExecutionTimedOut');
  });
});

describe('an execution that has ended (timed out or stopped)', () => {
  // A Task that fails at once, retried many times 1 s apart: its retries outlast the execution.
  const retriedForLong = (extra: Record<string, unknown> = {}) => ({
    StartAt: 'Failing',
    States: {
      Failing: invokeTask('failing', {
        Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, BackoffRate: 1, MaxAttempts: 50 }],
        End: true,
      }),
    },
    ...extra,
  });

  it('invokes no more tasks once it timed out: the retries stop with it, as on AWS', async () => {
    const lambda = fakeLambda({ failing: () => Promise.reject(new Error('down')) });
    const { service, client } = await start(
      [stateMachineResource('M', retriedForLong({ TimeoutSeconds: 5 }))],
      {
        lambda: lambda.service,
      },
    );
    const { executionArn } = await client.send(
      new StartExecutionCommand({ stateMachineArn: machineArn('M') }),
    );
    await service.drain();

    expect((await client.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('TIMED_OUT');
    // About five attempts fit in 5 s of the definition; all fifty would be made without the stop.
    expect(lambda.calls.length).toBeLessThan(10);
  });

  it('invokes no more tasks once it was stopped', async () => {
    const stopped = gate();
    const lambda = fakeLambda({
      failing: async () => {
        await stopped.opened;
        throw new Error('down');
      },
    });
    const { service, client } = await start([stateMachineResource('M', retriedForLong())], {
      lambda: lambda.service,
    });
    const { executionArn } = await client.send(
      new StartExecutionCommand({ stateMachineArn: machineArn('M') }),
    );
    while (lambda.calls.length === 0) await sleep(1);
    await client.send(new StopExecutionCommand({ executionArn }));
    stopped.open();
    await service.drain();

    expect((await client.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('ABORTED');
    expect(lambda.calls).toHaveLength(1);
  });
});
