import * as path from 'node:path';
import { startDynamoDbLocal } from '../../dynamodb/dynamodb-local';
import { killHard, startOwner } from '../helpers/owner-process';
import { goneWithin, isRunning } from '../helpers/process-liveness';

/**
 * No DynamoDB Local outlives its owner, however the owner ends: the JVM's parent is a small lifeline
 * process (dynamodb/jvm-lifeline.mjs) that kills it when its IPC channel to the owner closes. The owner is
 * a real process (fixtures/owners) started with the package's own startDynamoDbLocal and then killed.
 */
const OWNER = path.join(__dirname, '..', 'fixtures', 'owners', 'dynamodb-local.js');
// Generous: what is measured is "gone", not how fast; a loaded 2-core machine may take its time.
const GONE_WITHIN_MS = 10_000;

interface Started {
  readonly pid: number;
  readonly owner: number;
}

describe('DynamoDB Local when its owner dies', () => {
  const leftBehind: number[] = [];
  afterEach(() => {
    // A failed test must not leave its JVM running for the next hour either.
    for (const pid of leftBehind.splice(0)) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
  });

  it('ends the JVM when the owner is SIGKILLed (no exit hook runs)', async () => {
    const owner = await startOwner<Started>(OWNER);
    const jvm = owner.started.pid;
    leftBehind.push(jvm);
    expect(jvm).not.toBe(owner.started.owner);
    expect(isRunning(jvm)).toBe(true);

    await killHard(owner.process);

    expect(await goneWithin(jvm, GONE_WITHIN_MS)).toBe(true);
  });

  it('ends the JVM when the owner exits normally (the exit hook)', async () => {
    const owner = await startOwner<Started>(OWNER, ['--exit']);
    const jvm = owner.started.pid;
    leftBehind.push(jvm);

    owner.process.kill('SIGTERM');

    expect(await goneWithin(jvm, GONE_WITHIN_MS)).toBe(true);
  });

  it('stop() still resolves once the JVM has exited', async () => {
    const db = await startDynamoDbLocal();
    leftBehind.push(db.pid);

    await db.stop();

    expect(isRunning(db.pid)).toBe(false);
  });
});
