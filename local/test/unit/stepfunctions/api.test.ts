import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StateMachineDoesNotExist,
  StateMachineTypeNotSupported,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { ExecutionTraceFacts } from '../../../stepfunctions/types';
import {
  fakeLambda,
  functionArn,
  gate,
  invokeTask,
  machineArn,
  namedError,
  stateMachineResource,
  stepFunctionsKit,
} from './sfn-test-kit';

const start = stepFunctionsKit();
const ORDERS = machineArn('Orders');
const QUOTE = machineArn('Quote');

/** Orders (STANDARD) waits on `wait` until the test opens the gate; Quote (EXPRESS) answers at once. */
async function setup() {
  const held = gate();
  const lambda = fakeLambda({
    wait: () => held.opened.then(() => ({ done: true })),
    quote: (event) => ({ price: 42, event }),
    boom: () => {
      throw namedError('QuoteError', 'no price');
    },
  });
  const trace: string[] = [];
  const facts: ExecutionTraceFacts[] = [];
  const kit = await start(
    [
      stateMachineResource('Orders', {
        StartAt: 'Wait',
        States: { Wait: invokeTask('wait', { End: true }) },
      }),
      stateMachineResource(
        'Quote',
        { StartAt: 'Quote', States: { Quote: { Type: 'Task', Resource: functionArn('quote'), End: true } } },
        { StateMachineType: 'EXPRESS' },
      ),
      stateMachineResource('Broken', {
        StartAt: 'Boom',
        States: { Boom: invokeTask('boom', { End: true }) },
      }),
    ],
    {
      lambda: lambda.service,
      onTrace: (line, about) => {
        trace.push(line);
        if (about) facts.push(about);
      },
    },
  );
  return { ...kit, held, trace, facts };
}

describe('StartExecution de-duplication by name', () => {
  it('answers the same execution for the same name and input while it runs', async () => {
    const { client, held } = await setup();
    const first = await client.send(
      new StartExecutionCommand({ stateMachineArn: ORDERS, name: 'order-1', input: '{"a":1}' }),
    );
    const again = await client.send(
      new StartExecutionCommand({ stateMachineArn: ORDERS, name: 'order-1', input: '{"a":1}' }),
    );

    expect(again.executionArn).toBe(first.executionArn);
    expect(first.executionArn).toBe('arn:aws:states:us-east-1:000000000000:execution:Orders:order-1');
    held.open();
  });

  it('refuses the same name with another input, and any reuse of a closed execution name', async () => {
    const { client, service, held } = await setup();
    await client.send(
      new StartExecutionCommand({ stateMachineArn: ORDERS, name: 'order-1', input: '{"a":1}' }),
    );

    await expect(
      client.send(new StartExecutionCommand({ stateMachineArn: ORDERS, name: 'order-1', input: '{"a":2}' })),
    ).rejects.toBeInstanceOf(ExecutionAlreadyExists);
    held.open();
    await service.drain();
    await expect(
      client.send(new StartExecutionCommand({ stateMachineArn: ORDERS, name: 'order-1', input: '{"a":1}' })),
    ).rejects.toBeInstanceOf(ExecutionAlreadyExists);
  });
});

describe('describe, history, list, stop', () => {
  it('describes a running then a finished execution', async () => {
    const { client, service, held } = await setup();
    const { executionArn } = await client.send(
      new StartExecutionCommand({ stateMachineArn: ORDERS, name: 'o-2', input: '{"orderId":"o-2"}' }),
    );

    const running = await client.send(new DescribeExecutionCommand({ executionArn }));
    expect(running).toMatchObject({
      status: 'RUNNING',
      name: 'o-2',
      input: '{"orderId":"o-2"}',
      stateMachineArn: ORDERS,
    });
    expect(running.startDate).toBeInstanceOf(Date);
    expect(running.stopDate).toBeUndefined();

    held.open();
    await service.drain();
    const done = await client.send(new DescribeExecutionCommand({ executionArn }));
    expect(done).toMatchObject({ status: 'SUCCEEDED', output: '{"done":true}' });
    expect(done.stopDate?.getTime()).toBeGreaterThanOrEqual(done.startDate?.getTime() ?? Number.NaN);
  });

  it('lists the history of a Lambda task as AWS does', async () => {
    const { client, service, held } = await setup();
    held.open();
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: ORDERS }));
    await service.drain();

    const { events = [] } = await client.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(events.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events.map((event) => event.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(events[1]?.stateEnteredEventDetails).toMatchObject({ name: 'Wait', input: '{}' });
    expect(events[2]?.taskScheduledEventDetails).toMatchObject({
      resourceType: 'lambda',
      resource: 'invoke',
    });
    const reversed = await client.send(
      new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 2 }),
    );
    expect(reversed.events?.map((event) => event.type)).toEqual(['ExecutionSucceeded', 'TaskStateExited']);
    expect(reversed.nextToken).toBeDefined();
  });

  it('records the failure of a failed task', async () => {
    const { client, service } = await setup();
    const { executionArn } = await client.send(
      new StartExecutionCommand({ stateMachineArn: machineArn('Broken'), name: 'broken' }),
    );
    await service.drain();

    const { events = [] } = await client.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(events.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'ExecutionFailed',
    ]);
    expect(events[4]?.taskFailedEventDetails).toMatchObject({ error: 'QuoteError' });
    expect(events[5]?.executionFailedEventDetails).toMatchObject({ error: 'QuoteError' });
  });

  it('lists executions newest first, filtered by status', async () => {
    const { client, service, held } = await setup();
    await client.send(new StartExecutionCommand({ stateMachineArn: ORDERS, name: 'first' }));
    await client.send(new StartExecutionCommand({ stateMachineArn: ORDERS, name: 'second' }));
    await client.send(
      new StopExecutionCommand({ executionArn: `${ORDERS.replace('stateMachine', 'execution')}:first` }),
    );

    const all = await client.send(new ListExecutionsCommand({ stateMachineArn: ORDERS }));
    const aborted = await client.send(
      new ListExecutionsCommand({ stateMachineArn: ORDERS, statusFilter: 'ABORTED' }),
    );
    const running = await client.send(
      new ListExecutionsCommand({ stateMachineArn: ORDERS, statusFilter: 'RUNNING' }),
    );

    expect(all.executions?.map((execution) => execution.name)).toEqual(['second', 'first']);
    expect(aborted.executions?.map((execution) => execution.name)).toEqual(['first']);
    expect(running.executions?.map((execution) => execution.name)).toEqual(['second']);
    held.open();
    await service.drain();
  });

  it('stops an execution: ABORTED with the given error and cause, history ends with ExecutionAborted', async () => {
    const { client, service, held } = await setup();
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: ORDERS }));

    const { stopDate } = await client.send(
      new StopExecutionCommand({ executionArn, error: 'Cancelled', cause: 'by test' }),
    );
    held.open();
    await service.drain();

    expect(stopDate).toBeInstanceOf(Date);
    const described = await client.send(new DescribeExecutionCommand({ executionArn }));
    expect(described).toMatchObject({ status: 'ABORTED', error: 'Cancelled', cause: 'by test' });
    const { events = [] } = await client.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(events.at(-1)?.type).toBe('ExecutionAborted');
  });

  it('answers the SDK exceptions for unknown machines and executions', async () => {
    const { client } = await setup();

    await expect(
      client.send(new StartExecutionCommand({ stateMachineArn: machineArn('Nope') })),
    ).rejects.toBeInstanceOf(StateMachineDoesNotExist);
    await expect(
      client.send(
        new DescribeExecutionCommand({ executionArn: `${ORDERS.replace('stateMachine', 'execution')}:nope` }),
      ),
    ).rejects.toBeInstanceOf(ExecutionDoesNotExist);
  });
});

describe('state machines and EXPRESS', () => {
  it('lists and describes the state machines of the assembly', async () => {
    const { client } = await setup();

    const { stateMachines = [] } = await client.send(new ListStateMachinesCommand({}));
    expect(stateMachines.map((machine) => [machine.name, machine.type])).toEqual([
      ['Orders', 'STANDARD'],
      ['Quote', 'EXPRESS'],
      ['Broken', 'STANDARD'],
    ]);
    await client.send(new StartSyncExecutionCommand({ stateMachineArn: QUOTE }));
    const described = await client.send(new DescribeStateMachineCommand({ stateMachineArn: QUOTE }));
    expect(described).toMatchObject({ name: 'Quote', type: 'EXPRESS', status: 'ACTIVE' });
    // The definition as deployed, also after an execution ran it.
    expect(JSON.parse(described.definition ?? '')).toEqual({
      StartAt: 'Quote',
      States: { Quote: { Type: 'Task', Resource: functionArn('quote'), End: true } },
    });
  });

  it('runs StartSyncExecution for EXPRESS and refuses it for STANDARD', async () => {
    const { client } = await setup();

    const answer = await client.send(
      new StartSyncExecutionCommand({ stateMachineArn: QUOTE, input: '{"sku":"a"}' }),
    );
    expect(answer.status).toBe('SUCCEEDED');
    expect(JSON.parse(answer.output ?? '')).toEqual({ price: 42, event: { sku: 'a' } });
    expect(answer.executionArn).toMatch(/:express:Quote:/);
    // A function ARN as Resource is recorded as LambdaFunction* events, as AWS does.
    const { events = [] } = await client.send(
      new GetExecutionHistoryCommand({ executionArn: answer.executionArn }),
    );
    expect(events.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events[2]?.lambdaFunctionScheduledEventDetails).toMatchObject({ resource: functionArn('quote') });
    await expect(
      client.send(new StartSyncExecutionCommand({ stateMachineArn: ORDERS })),
    ).rejects.toBeInstanceOf(StateMachineTypeNotSupported);
  });
});

describe('the in-process API', () => {
  it('starts an execution for EventBridge targets and traces its states', async () => {
    const { service, held, trace } = await setup();
    held.open();

    const { executionArn } = await service.startExecution(ORDERS, '{"from":"events"}', 'from-rule');
    await service.drain();

    expect(executionArn).toMatch(/:execution:Orders:from-rule$/);
    expect(trace).toEqual([
      'execution from-rule started',
      'execution from-rule state Wait entered',
      'execution from-rule state Wait succeeded',
      'execution from-rule succeeded',
    ]);
  });

  it("tells each line's execution, state and status for the console", async () => {
    const { service, held, facts } = await setup();
    held.open();
    const input = '{"metadata":{"correlationId":"c-1"}}';
    const { executionArn } = await service.startExecution(ORDERS, input, 'facts');
    await service.drain();
    const about = { executionArn, name: 'facts', input };
    expect(facts).toEqual([
      { ...about, status: 'RUNNING' },
      { ...about, status: 'RUNNING', state: 'Wait', step: 'entered' },
      { ...about, status: 'RUNNING', state: 'Wait', step: 'succeeded' },
      { ...about, status: 'SUCCEEDED' },
    ]);
  });
});
