/**
 * `npm run projections:rebuild -- --target <table> [options]`: replays the orders EventStore into a fresh
 * OrderViews table (see docs/orders.md, "Rebuilding the read model"). Publishes nothing and never writes the
 * EventStore; resumable: run the same command again after an interruption.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  type DynamoDBClientConfig,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { DynamoDbEventStore } from '../lambdas/orders/adapters/dynamodb-event-store';
import { DynamoDbOrderViews } from '../lambdas/orders/adapters/dynamodb-order-views';
import {
  type CheckpointStore,
  type RebuildCheckpoint,
  rebuildOrderViews,
} from '../lambdas/orders/use-cases/rebuild-order-views';
import { documentClient } from '../lambdas/shared/aws/clients';

const USAGE = `Usage: npm run projections:rebuild -- --target <table> [options]

  --target NAME        the fresh table to build (required; never the live OrderViews table)
  --create             create it first, with the live OrderViews table's keys and indexes
  --outputs FILE       where the EventStore and OrderViews table names are (default cdk-outputs.local.json)
  --local              use the local cloud's endpoint (http://127.0.0.1:4566) and its credentials
  --endpoint URL       any other DynamoDB endpoint (default: the SDK's, i.e. AWS)
  --page-size N        events per scan page (default 500)
  --checkpoint FILE    progress file (default .rebuild/order-views-<target>.json)`;

function options() {
  const { values } = parseArgs({
    options: {
      target: { type: 'string' },
      create: { type: 'boolean', default: false },
      outputs: { type: 'string', default: 'cdk-outputs.local.json' },
      local: { type: 'boolean', default: false },
      endpoint: { type: 'string' },
      'page-size': { type: 'string', default: '500' },
      checkpoint: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const pageSize = Number(values['page-size']);
  if (values.help || !values.target || !Number.isInteger(pageSize) || pageSize < 1) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  return { ...values, target: values.target as string, pageSize };
}

/** The one output of this name across the stacks of an outputs file. */
function output(file: string, key: string): string {
  const outputs = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string>>;
  const found = Object.values(outputs).flatMap((stack) => (stack[key] ? [stack[key]] : []));
  if (found.length !== 1) throw new Error(`Expected one ${key} in ${file}, found ${found.length}.`);
  return found[0] as string;
}

function fileCheckpoints(file: string): CheckpointStore {
  return {
    async read() {
      try {
        return JSON.parse(readFileSync(file, 'utf8')) as RebuildCheckpoint;
      } catch {
        return undefined;
      }
    },
    async write(checkpoint) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, `${JSON.stringify(checkpoint, null, 2)}\n`);
    },
  };
}

/** Creates `target` with the live table's key schema and global secondary indexes, on demand. */
async function createLike(client: DynamoDBClient, live: string, target: string): Promise<void> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: live }));
  if (!Table) throw new Error(`${live} does not exist.`);
  await client.send(
    new CreateTableCommand({
      TableName: target,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: Table.KeySchema,
      AttributeDefinitions: Table.AttributeDefinitions,
      GlobalSecondaryIndexes: Table.GlobalSecondaryIndexes?.map(({ IndexName, KeySchema, Projection }) => ({
        IndexName,
        KeySchema,
        Projection,
      })),
      SSESpecification: { Enabled: true },
    }),
  );
  await waitUntilTableExists({ client, maxWaitTime: 120 }, { TableName: target });
}

async function main(): Promise<void> {
  // Known on Node 20 (see docs/running.md): the SDK's notice that it will need Node 22 is noise in this output.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const opts = options();
  const eventStoreTable = output(opts.outputs, 'EventStoreTableName');
  const liveViews = output(opts.outputs, 'OrderViewsTableName');
  if (opts.target === liveViews)
    throw new Error('The target must be a fresh table, not the live OrderViews table.');

  const config: DynamoDBClientConfig = opts.local
    ? {
        endpoint: 'http://127.0.0.1:4566',
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }
    : opts.endpoint
      ? { endpoint: opts.endpoint }
      : {};
  const client = new DynamoDBClient(config);
  if (opts.create) await createLike(client, liveViews, opts.target);

  let interrupted = false;
  process.on('SIGINT', () => {
    interrupted = true;
    console.error('\nStopping after this page; run the same command again to resume.');
  });
  const started = Date.now();
  const docs = documentClient(client);
  const checkpointFile = opts.checkpoint ?? path.join('.rebuild', `order-views-${opts.target}.json`);
  const result = await rebuildOrderViews(
    {
      source: new DynamoDbEventStore(docs, eventStoreTable),
      target: new DynamoDbOrderViews(docs, opts.target),
      checkpoints: fileCheckpoints(checkpointFile),
      shouldStop: () => interrupted,
      onProgress: (c) => {
        const seconds = (Date.now() - started) / 1000;
        console.error(
          `page ${c.pages}: ${c.events} events, ${c.writes} view writes, ${c.failedOrders.length} failed orders, ${Math.round(c.events / seconds)} events/s`,
        );
      },
    },
    opts.pageSize,
  );
  client.destroy();
  if (!result.complete) process.exit(130);
  console.log(
    `Rebuilt ${opts.target} from ${eventStoreTable}: ${result.events} events, ${result.writes} view writes.` +
      (result.failedOrders.length > 0
        ? ` Not projected (poison events): ${result.failedOrders.join(', ')}`
        : ''),
  );
  console.log(`Checkpoint: ${checkpointFile} (delete it to rebuild again).`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
