import type { ResolvedResource } from '../model/resolved-resource';
import { isRecord } from '../template/cfn-template';
import { TABLE_TYPES } from './table-definitions';

/**
 * The properties by which a table (or one of its indexes or replicas) asks for a capacity mode or a
 * throughput limit: provisioned capacity (`BillingMode: PROVISIONED`, `ProvisionedThroughput`, the
 * global table's `Write/ReadProvisionedThroughputSettings`), on-demand maximums (`OnDemandThroughput`,
 * `Write/ReadOnDemandThroughputSettings`) and pre-warmed throughput (`WarmThroughput`).
 */
const CAPACITY_KEYS: ReadonlySet<string> = new Set([
  'ProvisionedThroughput',
  'OnDemandThroughput',
  'WarmThroughput',
  'WriteProvisionedThroughputSettings',
  'ReadProvisionedThroughputSettings',
  'WriteOnDemandThroughputSettings',
  'ReadOnDemandThroughputSettings',
]);

/**
 * One line for the start's "not emulated" notes when any table asks for a capacity mode or throughput
 * limit: DynamoDB Local accepts them and never throttles, so a table that would throttle on AWS (5 write
 * units, CDK's default for `Table`) takes any load locally. Undefined when no template asks.
 */
export function capacityNote(resources: readonly ResolvedResource[]): string | undefined {
  const tables = resources
    .filter((resource) => TABLE_TYPES.has(resource.type) && asksForCapacity(resource.properties))
    .map((resource) => `${resource.stackName}/${resource.logicalId}`);
  if (tables.length === 0) return undefined;
  return `DynamoDB capacity modes and throttling are not emulated (${tables.join(', ')}): provisioned and on-demand throughput limits are accepted, never enforced; no request is throttled`;
}

function asksForCapacity(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(asksForCapacity);
  if (!isRecord(value)) return false;
  return Object.entries(value).some(
    ([key, item]) =>
      CAPACITY_KEYS.has(key) || (key === 'BillingMode' && item === 'PROVISIONED') || asksForCapacity(item),
  );
}
