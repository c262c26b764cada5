import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { killWithOwner } from '../../../shared/reaper';
import { killHard, startOwner } from '../../helpers/owner-process';
import { commandOf, descendantsOf, goneWithin, isRunning } from '../../helpers/process-liveness';

/**
 * The reaper (shared/reaper.ts), with real processes: it runs only while it has something to watch, and
 * one killed from outside is replaced without losing what it watched. That it kills what it watches when
 * its owner is SIGKILLed is what the owner-death tests of DynamoDB Local and the function processes show.
 */
const OWNER = path.join(__dirname, '..', '..', 'fixtures', 'owners', 'reaper.js');
const GONE_WITHIN_MS = 10_000;
jest.setTimeout(30_000);

const reapersBelow = (pid: number) =>
  descendantsOf(pid).filter((below) => commandOf(below).includes('reaper-process.cjs'));

const leftBehind: number[] = [];
afterEach(() => {
  for (const pid of leftBehind.splice(0)) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
});

function waiter(): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => undefined, 60_000)'], { stdio: 'ignore' });
  if (child.pid !== undefined) leftBehind.push(child.pid);
  return child;
}

it('runs while it has a child to watch and exits with the last one', async () => {
  const first = waiter();
  const second = waiter();
  killWithOwner(first);
  killWithOwner(second);
  const [reaper] = reapersBelow(process.pid);
  expect(reaper).toBeDefined();

  const exited = (child: ChildProcess) => new Promise((resolve) => child.once('exit', resolve));
  first.kill('SIGKILL');
  await exited(first);
  expect(isRunning(reaper as number)).toBe(true);
  second.kill('SIGKILL');
  await exited(second);

  // Jest loads the module once per test file: a reaper that outlived its children would pile up.
  expect(await goneWithin(reaper as number, GONE_WITHIN_MS)).toBe(true);
});

it('outlasts the signals its owner gets with it (Ctrl-C, pkill), and still kills the child when the owner then dies', async () => {
  const owner = await startOwner<{ child: number }>(OWNER);
  const { child } = owner.started;
  leftBehind.push(child);
  const [reaper] = reapersBelow(owner.process.pid as number);
  expect(reaper).toBeDefined();

  // Once it has started (it catches SIGHUP, the last handler it sets and one Node does not set by itself:
  // the signals a process catches are in /proc), signal it as a terminal's Ctrl-C and a pkill would.
  const catchesSighup = () => {
    const line = readFileSync(`/proc/${reaper}/status`, 'utf8').match(/^SigCgt:\s*([0-9a-f]+)$/m);
    return line !== null && (BigInt(`0x${line[1]}`) & 1n) !== 0n;
  };
  for (const until = Date.now() + GONE_WITHIN_MS; !catchesSighup() && Date.now() < until; )
    await new Promise((resolve) => setTimeout(resolve, 20));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.kill(reaper as number, signal);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(isRunning(reaper as number)).toBe(true);
  expect(isRunning(child)).toBe(true);

  await killHard(owner.process);
  expect(await goneWithin(child, GONE_WITHIN_MS)).toBe(true);
  expect(await goneWithin(reaper as number, GONE_WITHIN_MS)).toBe(true);
});

it('is replaced when it is killed, and the new one still kills the child when the owner is SIGKILLed', async () => {
  const owner = await startOwner<{ child: number }>(OWNER);
  const { child } = owner.started;
  leftBehind.push(child);
  const [first] = reapersBelow(owner.process.pid as number);
  expect(first).toBeDefined();

  process.kill(first as number, 'SIGKILL');
  expect(await goneWithin(first as number, GONE_WITHIN_MS)).toBe(true);
  let replacement: number[] = [];
  const deadline = Date.now() + GONE_WITHIN_MS;
  while (replacement.length === 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    replacement = reapersBelow(owner.process.pid as number);
  }
  expect(replacement).toHaveLength(1);

  await killHard(owner.process);

  expect(await goneWithin(child, GONE_WITHIN_MS)).toBe(true);
});
