import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/**
 * The e2e files share one deployment (the local cloud the global setup started, or E2E_TARGET's), and some
 * change it for everyone while they run: the chaos suite slows and fails the payment provider, the fuzz
 * suite counts table items. So they take turns, one file at a time, while jest's other workers run the
 * other layers' files. The turn is a lock directory (mkdir is atomic) named after the outputs file, so two
 * runs against different deployments do not wait for each other; a lock whose worker has died is taken
 * over.
 */
const outputsFile = process.env.E2E_OUTPUTS_FILE;
if (!outputsFile) throw new Error('E2E_OUTPUTS_FILE is not set: the e2e global setup has not run');
const lock = path.join(
  tmpdir(),
  `shop-e2e-turn-${createHash('sha256').update(path.resolve(outputsFile)).digest('hex').slice(0, 16)}`,
);
const owner = path.join(lock, 'pid');

/** Every e2e file together runs for a few minutes; a turn waits for at most all of them. */
const MAX_WAIT_MS = 15 * 60_000;

beforeAll(async () => {
  const started = Date.now();
  while (!tryLock()) {
    if (Date.now() - started > MAX_WAIT_MS)
      throw new Error(`No e2e turn in ${MAX_WAIT_MS / 60_000} min: ${lock}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, MAX_WAIT_MS + 10_000);

afterAll(() => {
  rmSync(lock, { recursive: true, force: true });
});

function tryLock(): boolean {
  try {
    mkdirSync(lock);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if (ownerIsGone()) rmSync(lock, { recursive: true, force: true });
    return false;
  }
  writeFileSync(owner, String(process.pid));
  return true;
}

/** The lock's worker has exited without releasing it (a crash, a kill). No pid yet: it is being taken. */
function ownerIsGone(): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(owner, 'utf8'));
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
