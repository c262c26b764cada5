import { DynamoDBClient, paginateListTables, paginateScan } from '@aws-sdk/client-dynamodb';
import { DEFAULT_LOCAL_CREDENTIALS } from '@shop/local-cloud';

/**
 * Item counts of every table behind the local cloud's AWS endpoint (`E2E_AWS_ENDPOINT`, set by the e2e
 * global setup): the fuzz suite's "no write" check compares them before and after a batch of refused
 * requests. Every table, not a chosen few, so a write to a table nobody thought of still shows. Undefined
 * on a deployed target, where counting a real account's tables is neither cheap nor private.
 */
export type TableCounts = Readonly<Record<string, number>>;

const endpoint = process.env.E2E_AWS_ENDPOINT;

export const tableCountsAvailable = endpoint !== undefined;

const client = endpoint
  ? new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: DEFAULT_LOCAL_CREDENTIALS })
  : undefined;

export async function countItems(): Promise<TableCounts> {
  if (!client) throw new Error('No E2E_AWS_ENDPOINT: table counts need the local cloud');
  const counts: Record<string, number> = {};
  for await (const page of paginateListTables({ client }, {})) {
    for (const table of page.TableNames ?? []) {
      let count = 0;
      for await (const scan of paginateScan({ client }, { TableName: table, Select: 'COUNT' })) {
        count += scan.Count ?? 0;
      }
      counts[table] = count;
    }
  }
  return counts;
}

/**
 * Counts once the app is quiet: two readings 250 ms apart that agree. Sagas, projections and publishing
 * started by earlier suites write on for a while after their requests; those writes are not the fuzz's.
 */
export async function quietCounts(timeoutMs = 20_000): Promise<TableCounts> {
  const deadline = Date.now() + timeoutMs;
  let last = await countItems();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const next = await countItems();
    if (sameCounts(last, next) || Date.now() > deadline) return next;
    last = next;
  }
}

/** The tables whose count moved, as `table: before -> after`. */
export function countChanges(before: TableCounts, after: TableCounts): string[] {
  const tables = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...tables]
    .filter((table) => before[table] !== after[table])
    .map((table) => `${table}: ${before[table]} -> ${after[table]}`);
}

const sameCounts = (a: TableCounts, b: TableCounts) => countChanges(a, b).length === 0;
