/**
 * A worker thread of every execution environment (started by bootstrap.mjs): it ends the process when its
 * owner (../execution-environment.ts) is gone. The bootstrap's own 'disconnect' handler does that too, but
 * only when the main thread is free to run it: a handler stuck in a loop, or still in a long synchronous
 * init, would keep running, reparented, after its owner was SIGKILLed. This thread runs whatever the main
 * thread does. It reads a pipe from the owner that carries nothing (LIFELINE_FD, the fifth stdio entry the
 * owner forks with); the pipe closes when the owner dies, however it dies.
 */
import { Socket } from 'node:net';
import { workerData } from 'node:worker_threads';

const lifeline = new Socket({ fd: workerData.fd, readable: true, writable: false });
// Nothing is ever written to it: any end of it (EOF, an error) means the owner is gone. SIGKILL, as the
// owner's own close() does: nothing in the function may delay its end.
lifeline.once('close', () => process.kill(process.pid, 'SIGKILL'));
lifeline.on('error', () => undefined);
lifeline.resume();
