import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildFixtureApp } from '../fixtures/local-cloud-app/app';
import { killHard, startOwner } from '../helpers/owner-process';
import { descendantsOf, goneWithin, isRunning } from '../helpers/process-liveness';

/**
 * The `local-cloud` bin forked with an IPC channel (by a test, a bench) stops when its parent dies,
 * SIGKILL included, and takes everything it started with it: DynamoDB Local (under its lifeline), the
 * function processes, the rest. The parent is a real process (fixtures/owners/local-cloud-bin.js).
 */
const OWNER = path.join(__dirname, '..', 'fixtures', 'owners', 'local-cloud-bin.js');
// Generous: the bin stops everything it runs, on a machine that may be busy with other suites.
const GONE_WITHIN_MS = 30_000;

let workDir: string;
const leftBehind: number[] = [];
beforeAll(() => {
  workDir = mkdtempSync(path.join(tmpdir(), 'local-cloud-owner-death-'));
  buildFixtureApp(path.join(workDir, 'cdk.out')).synth();
});
afterAll(() => {
  for (const pid of leftBehind.splice(0)) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

it('stops, and leaves no process of its own, when the parent that forked it is SIGKILLed', async () => {
  const owner = await startOwner<{ bin: number }>(OWNER, [path.join(workDir, 'cdk.out')]);
  const { bin } = owner.started;
  const below = descendantsOf(bin);
  leftBehind.push(bin, ...below);
  // DynamoDB Local's lifeline and JVM, the prewarmed function processes: a bin that runs the app.
  expect(below.length).toBeGreaterThanOrEqual(2);

  await killHard(owner.process);

  for (const pid of [bin, ...below]) expect(await goneWithin(pid, GONE_WITHIN_MS)).toBe(true);
}, 120_000);
