import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * An owner of local cloud processes, run as a process of its own so that a test can kill it as jest, a
 * user or CI would (SIGKILL: no exit hook runs) and then look for what it left behind. The fixture prints
 * one JSON line once what it owns is up; `started` is that line.
 */
export interface Owner<T> {
  readonly process: ChildProcess;
  readonly started: T;
}

const owners: ChildProcess[] = [];
// A test that fails before it kills its owner must not leave it (and what it owns) running.
afterEach(() => {
  for (const owner of owners.splice(0))
    if (owner.exitCode === null && owner.signalCode === null) owner.kill();
});

/** Runs `script` (a fixture) with `args` and resolves with its first stdout line, parsed. */
export function startOwner<T>(script: string, args: string[] = []): Promise<Owner<T>> {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  owners.push(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once('line', (line) => resolve({ process: child, started: JSON.parse(line) as T }));
    child.once('exit', (code, signal) =>
      reject(new Error(`${script} exited (${code ?? signal}) before it started:\n${stderr}`)),
    );
  });
}

/** SIGKILLs the owner and resolves once it has exited. */
export async function killHard(owner: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => owner.once('exit', resolve));
  owner.kill('SIGKILL');
  await exited;
}
