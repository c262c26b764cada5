import { crc32 } from 'node:zlib';

/**
 * What a DynamoDB call consumed, for the trace: DynamoDB Local computes `ConsumedCapacity` as DynamoDB
 * does (1 KB write units, 4 KB read units, half for an eventually consistent read, twice for a
 * transaction), but only reports it to a caller who asks. While the local cloud traces, the endpoint asks
 * on every metered call and gives the caller the answer it would have had: `ConsumedCapacity` is removed
 * again (and the response's CRC32 recomputed) unless the caller asked for it too. The bench's cost model
 * reads the units from these trace lines (bench/saga-counts.ts).
 */
const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

export type CapacityKind = 'RRU' | 'WRU';

/** Read or write units, by operation; undefined for what is not metered (DescribeTable, ...). */
export function meteredKind(operation: string): CapacityKind | undefined {
  if (READS.has(operation)) return 'RRU';
  if (WRITES.has(operation)) return 'WRU';
  return undefined;
}

/** The request asking for its capacity, and whether its caller had asked already. */
export function askForCapacity(body: string): { readonly body: string; readonly callerAsked: boolean } {
  const input = JSON.parse(body) as Record<string, unknown>;
  const asked = input.ReturnConsumedCapacity;
  if (asked === 'TOTAL' || asked === 'INDEXES') return { body, callerAsked: true };
  return { body: JSON.stringify({ ...input, ReturnConsumedCapacity: 'TOTAL' }), callerAsked: false };
}

export interface TableCapacity {
  readonly table: string;
  readonly units: number;
}

/**
 * The units per table in a DynamoDB answer (one object, or an array for batches and transactions), and
 * the answer the caller should get: unchanged when it asked, without `ConsumedCapacity` when it did not.
 */
export function takeCapacity(
  answer: string,
  callerAsked: boolean,
): { readonly capacity: readonly TableCapacity[]; readonly answer: string } {
  const output = JSON.parse(answer) as Record<string, unknown>;
  const reported = output.ConsumedCapacity;
  const entries = (Array.isArray(reported) ? reported : reported === undefined ? [] : [reported]) as Array<{
    TableName?: string;
    CapacityUnits?: number;
  }>;
  const capacity = entries.map((entry) => ({
    table: entry.TableName ?? '?',
    units: entry.CapacityUnits ?? 0,
  }));
  if (callerAsked || reported === undefined) return { capacity, answer };
  const { ConsumedCapacity: _removed, ...rest } = output;
  return { capacity, answer: JSON.stringify(rest) };
}

/** `<table> <units> <kind>` per table, comma separated: what the trace line ends with. */
export function describeCapacity(capacity: readonly TableCapacity[], kind: CapacityKind): string {
  return capacity.map(({ table, units }) => `${table} ${units} ${kind}`).join(', ');
}

/** DynamoDB's `x-amz-crc32` of a body: what the SDK would check against the body it is given. */
export function bodyCrc32(body: Buffer): string {
  return String(crc32(body));
}
