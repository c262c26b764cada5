import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * A lock between jest's worker processes: a directory (mkdir is atomic) holding its owner's pid. A lock
 * whose owner has died without releasing it (a crash, a kill) is taken over. Resolves with the release.
 */
export async function acquireDirectoryLock(
  lock: string,
  options: { readonly maxWaitMs: number; readonly pollMs?: number },
): Promise<() => void> {
  const started = Date.now();
  while (!tryLock(lock)) {
    if (Date.now() - started > options.maxWaitMs)
      throw new Error(`Not acquired in ${options.maxWaitMs / 1000} s: ${lock}`);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 100));
  }
  return () => rmSync(lock, { recursive: true, force: true });
}

function tryLock(lock: string): boolean {
  try {
    mkdirSync(lock);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if (ownerIsGone(lock)) rmSync(lock, { recursive: true, force: true });
    return false;
  }
  writeFileSync(path.join(lock, 'pid'), String(process.pid));
  return true;
}

/** The lock's owner has exited without releasing it. No pid yet: it is being taken. */
function ownerIsGone(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(path.join(lock, 'pid'), 'utf8'));
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
