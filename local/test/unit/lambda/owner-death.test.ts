import * as path from 'node:path';
import { killHard, startOwner } from '../../helpers/owner-process';
import { goneWithin, isRunning } from '../../helpers/process-liveness';

/**
 * No function process outlives its owner when the owner is SIGKILLed (no exit hook, no close()): an
 * idle environment, one waiting in an async handler, and one whose handler spins without yielding, which
 * never gets to see its IPC channel close (runtime/owner-lifeline.mjs ends that one). The owner is a real
 * process (fixtures/owners/lambda.js) with a LocalLambdaService.
 */
const OWNER = path.join(__dirname, '..', '..', 'fixtures', 'owners', 'lambda.js');
// Generous: what is checked is "gone", not how fast; a loaded 2-core machine may take its time.
const GONE_WITHIN_MS = 10_000;
jest.setTimeout(30_000);

interface Started {
  readonly idle: number;
  readonly waiting: number;
  readonly spinning: number;
}

const leftBehind: number[] = [];
afterEach(() => {
  // A failed test must not leave a process spinning on a 2-core machine.
  for (const pid of leftBehind.splice(0)) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
});

it('ends every function process when the owner is SIGKILLed, busy or idle', async () => {
  const owner = await startOwner<Started>(OWNER);
  const { idle, waiting, spinning } = owner.started;
  leftBehind.push(idle, waiting, spinning);
  expect([idle, waiting, spinning].every(isRunning)).toBe(true);

  await killHard(owner.process);

  expect(await goneWithin(idle, GONE_WITHIN_MS)).toBe(true);
  expect(await goneWithin(waiting, GONE_WITHIN_MS)).toBe(true);
  expect(await goneWithin(spinning, GONE_WITHIN_MS)).toBe(true);
});
