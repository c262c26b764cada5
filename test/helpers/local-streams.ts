import {
  type CfnTemplate,
  DynamoDbStreamEventSources,
  type ResolvedResource,
  resolveAssembly,
  type StreamFailureRecord,
  streamMappingsFrom,
} from '@shop/local-cloud';
import type { Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { ShopStacks } from '../../lib/shop-app';
import { createTables, type DynamoDbLocal, LOCAL_REGION, startDynamoDbLocal } from './dynamodb-local';
import { inProcessLambda } from './in-process-lambda';
import { logicalIdOf } from './shop-templates';
import { synthShop } from './synth';

type Handler = (event: never) => Promise<unknown>;

export interface LocalStreams {
  /** The synthesized stacks whose constructs name functions and resources. */
  readonly stacks: ShopStacks;
  readonly db: DynamoDbLocal;
  readonly sources: DynamoDbStreamEventSources;
  /** Every table created, by logical id (see `tableNamed`). */
  readonly tables: Record<string, string>;
  /** The functions (by name) whose mappings are polled: one per mapping. */
  readonly mapped: readonly string[];
  /** What reached an on-failure destination (the destination's ARN), in order. */
  readonly failures: Array<{ destination: string; record: StreamFailureRecord }>;
  /** A construct's resource as the local cloud resolves it (its physical id, its attributes). */
  resource(construct: IConstruct): ResolvedResource | undefined;
  stop(): Promise<void>;
}

/**
 * Stream consumers of the shop on DynamoDB Local's real streams: the `local` stage synthesized and
 * resolved as the local cloud resolves it, the tables of `tableStacks` created under the names it gives
 * them (so the mappings' stream ARNs point at them), and the mappings of the functions `handlers` names
 * (by their constructs) exactly as synthesized, polled by the local cloud's poller and invoking those
 * handlers in this process.
 */
export async function startLocalStreams(
  tableStacks: (stacks: ShopStacks) => readonly Stack[],
  handlers: (streams: Pick<LocalStreams, 'stacks' | 'db' | 'tables'>) => ReadonlyMap<IConstruct, Handler>,
): Promise<LocalStreams> {
  const { stacks, resources, db, tables } = await startShopTables(tableStacks);
  const resource = (construct: IConstruct) =>
    resources.find(
      (r) => r.stackName === stackOf(stacks, construct) && r.logicalId === logicalIdOf(construct),
    );
  const byName = new Map(
    [...handlers({ stacks, db, tables })].map(([fn, handler]) => [
      resource(fn)?.physicalId ?? 'not found',
      handler,
    ]),
  );
  const failures: LocalStreams['failures'] = [];
  const mappings = streamMappingsFrom(resources).mappings.filter((m) => byName.has(m.functionName));
  const sources = new DynamoDbStreamEventSources({
    mappings,
    lambda: inProcessLambda(Object.fromEntries(byName)),
    endpoint: db.endpoint,
    region: LOCAL_REGION,
    pollIntervalMs: 20,
    describeIntervalMs: 100,
    retryDelayMs: 10,
    onFailure: (destination, record) => {
      failures.push({ destination, record });
    },
  });
  await sources.start();
  return {
    stacks,
    db,
    sources,
    tables,
    mapped: mappings.map((m) => m.functionName),
    failures,
    resource,
    async stop() {
      await sources.stop();
      await db.stop();
    },
  };
}

/**
 * The shop's `local` stage synthesized and resolved as the local cloud resolves it, and DynamoDB Local with
 * the tables of `tableStacks` under the names the local cloud gives them (so that resolved ARNs, stream
 * ARNs among them, point at these tables), by logical id.
 */
export async function startShopTables(tableStacks: (stacks: ShopStacks) => readonly Stack[]) {
  const { app, stacks } = synthShop('local');
  const assembly = app.synth();
  const { resources } = resolveAssembly(
    Object.values(stacks).map(({ stackName }) => ({
      stackName,
      template: assembly.getStackByName(stackName).template as CfnTemplate,
    })),
  );
  const db = await startDynamoDbLocal();
  const tables: Record<string, string> = {};
  for (const { stackName } of tableStacks(stacks)) {
    Object.assign(
      tables,
      await createTables(db.client, assembly.getStackByName(stackName).template, stackName),
    );
  }
  return { stacks, assembly, resources, db, tables };
}

/** The name of the stack a construct is in. */
function stackOf(stacks: ShopStacks, construct: IConstruct): string | undefined {
  return Object.values(stacks).find((stack) => construct.node.path.startsWith(`${stack.node.path}/`))
    ?.stackName;
}
