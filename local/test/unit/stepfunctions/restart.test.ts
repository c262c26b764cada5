import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { fileExecutionStore } from '../../../stepfunctions';
import {
  fakeLambda,
  gate,
  invokeTask,
  machineArn,
  stateMachineResource,
  stepFunctionsKit,
} from './sfn-test-kit';

/**
 * A restart of the local cloud under `--data-dir` is a new LocalStepFunctions on the same execution store:
 * names used before stay taken (so a redelivered start event starts nothing), ended executions answer
 * as before, and those that were running are run again under their own name until they end.
 */
const start = stepFunctionsKit();
const ORDERS = machineArn('Orders');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sfn-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function ordersMachine() {
  return stateMachineResource('Orders', {
    StartAt: 'Work',
    States: { Work: { ...invokeTask('work'), End: true } },
  });
}

/** The same app started again on the same data directory. */
const restart = (lambda: ReturnType<typeof fakeLambda>) =>
  start([ordersMachine()], { lambda: lambda.service, store: fileExecutionStore(dir) });

it('keeps an ended execution: its name stays taken, its description and history are read back', async () => {
  const lambda = fakeLambda({ work: () => ({ done: true }) });
  const first = await restart(lambda);
  const input = '{"orderId":"o-1"}';
  const { executionArn } = await first.client.send(
    new StartExecutionCommand({ stateMachineArn: ORDERS, name: 'o-1', input }),
  );
  await first.service.drain();
  const before = await first.client.send(new GetExecutionHistoryCommand({ executionArn }));
  await first.service.close();

  const second = await restart(lambda);
  await expect(
    second.client.send(new StartExecutionCommand({ stateMachineArn: ORDERS, name: 'o-1', input })),
  ).rejects.toBeInstanceOf(ExecutionAlreadyExists);
  expect(await second.client.send(new DescribeExecutionCommand({ executionArn }))).toMatchObject({
    name: 'o-1',
    status: 'SUCCEEDED',
    input,
    output: '{"done":true}',
  });
  const after = await second.client.send(new GetExecutionHistoryCommand({ executionArn }));
  expect(after.events).toEqual(before.events);
  const listed = await second.client.send(new ListExecutionsCommand({ stateMachineArn: ORDERS }));
  expect(listed.executions?.map((execution) => execution.name)).toEqual(['o-1']);
  expect(lambda.called()).toEqual(['work']);
});

it('runs an execution that was running at the stop again, under its name, until it ends', async () => {
  let held = gate();
  const lambda = fakeLambda({ work: () => held.opened.then(() => ({ done: true })) });
  const first = await restart(lambda);
  const input = '{"orderId":"o-2"}';
  const { executionArn } = await first.client.send(
    new StartExecutionCommand({ stateMachineArn: ORDERS, name: 'o-2', input }),
  );
  while (lambda.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  const stopping = first.service.close(); // aborts the run: the cloud is going down, not the execution
  held.open();
  await stopping;
  held = gate(); // the run after the restart waits again, until the test lets it end

  const second = await restart(lambda);
  second.service.resumeInterrupted();
  // While it runs again, a start with the same name and input is answered with it; another input is refused.
  expect(
    await second.client.send(new StartExecutionCommand({ stateMachineArn: ORDERS, name: 'o-2', input })),
  ).toMatchObject({ executionArn });
  await expect(
    second.client.send(new StartExecutionCommand({ stateMachineArn: ORDERS, name: 'o-2', input: '{}' })),
  ).rejects.toBeInstanceOf(ExecutionAlreadyExists);
  held.open();
  await second.service.drain();
  expect(await second.client.send(new DescribeExecutionCommand({ executionArn }))).toMatchObject({
    status: 'SUCCEEDED',
  });
  expect(lambda.called()).toEqual(['work', 'work']);
  await second.service.close();

  // Its end was stored: a third start knows it ended and runs nothing.
  const third = await restart(lambda);
  third.service.resumeInterrupted();
  await third.service.drain();
  expect(await third.client.send(new DescribeExecutionCommand({ executionArn }))).toMatchObject({
    status: 'SUCCEEDED',
  });
  expect(lambda.called()).toEqual(['work', 'work']);
});
