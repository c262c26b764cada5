import { type ChildProcess, fork } from 'node:child_process';
import * as path from 'node:path';

const REAPER = path.join(__dirname, 'reaper-process.cjs');

/** This process's reaper while it has children to watch, and their pids. */
let reaper: ChildProcess | undefined;
const watched = new Set<number>();

/**
 * Makes sure `child` dies when this process dies, however it dies (SIGKILL included): a reaper process
 * (reaper-process.cjs) holds the pids and kills them when its IPC channel to this process closes. A child
 * is forgotten when it exits (this process has reaped it: its pid may be reused). The reaper runs only
 * while there is a child to watch, so that owners that come and go (jest loads this module once per test
 * file) leave none behind, and it never keeps this process alive.
 */
export function killWithOwner(child: ChildProcess): void {
  const { pid } = child;
  if (pid === undefined) return; // never spawned: nothing to kill
  watched.add(pid);
  send({ type: 'watch', pid });
  child.once('exit', () => {
    watched.delete(pid);
    send({ type: 'forget', pid });
    if (watched.size === 0) retire();
  });
}

function send(message: { type: 'watch' | 'forget'; pid: number }): void {
  const current = reaper ?? start();
  if (current.connected) current.send(message);
}

function start(): ChildProcess {
  const started = fork(REAPER, [], {
    // No flag of this process (a TypeScript loader, a test runner's) is needed there.
    execArgv: [],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    serialization: 'json',
  });
  started.unref();
  started.channel?.unref();
  // A send racing the reaper's end is lost; the exit below makes up for it.
  started.on('error', () => undefined);
  started.once('exit', () => {
    if (reaper !== started) return;
    // Killed from outside: a new one takes over what this one watched.
    reaper = undefined;
    for (const pid of watched) send({ type: 'watch', pid });
  });
  reaper = started;
  return started;
}

/** Nothing left to watch: the reaper exits (it kills nothing, everything was forgotten first). */
function retire(): void {
  const current = reaper;
  reaper = undefined;
  if (current?.connected) current.disconnect();
}
