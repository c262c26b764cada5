import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { ENTRY_METADATA_KEY } from '../lib/constructs/service-function';
import { synthShop } from '../test/helpers/synth';
import { LAMBDAS_ROOT } from './paths';

/** The slice of a CloudFormation template the benchmark reads. */
export interface CfnTemplate {
  readonly Resources?: Readonly<Record<string, CfnResource>>;
}

interface CfnResource {
  readonly Type: string;
  readonly Properties?: Readonly<Record<string, unknown>>;
  readonly Metadata?: Readonly<Record<string, unknown>>;
}

export interface SynthesizedStack {
  readonly stackName: string;
  readonly template: CfnTemplate;
}

/** One Lambda function of the synthesized app and the bundle CDK built for it. */
export interface BenchFunction {
  /** `<service>/<handler>`, from the construct path: `Shop-Local-Orders/Orders/PlaceOrder/...` → `orders/place-order`. */
  readonly name: string;
  readonly stackName: string;
  readonly logicalId: string;
  readonly cdkPath: string;
  readonly description: string | undefined;
  /** The `index.mjs` CDK's esbuild wrote into the asset directory of the cloud assembly. */
  readonly bundlePath: string;
  /** The TypeScript entry the bundle was built from (checked against the bundle's source map). */
  readonly entryPath: string;
  /** `Environment.Variables` as in the template: strings, or intrinsics such as `{ Ref: <table> }`. */
  readonly environment: Readonly<Record<string, unknown>>;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
}

export interface SynthesizedShop {
  readonly outdir: string;
  readonly stacks: readonly SynthesizedStack[];
  readonly functions: readonly BenchFunction[];
}

/**
 * Synthesizes the `local` stage in-process into `outdir`, which runs the same NodejsFunction bundling
 * (local esbuild, same options) as `cdk synth`, then finds every function's bundle through the assembly.
 */
export function synthesizeShop(outdir: string): SynthesizedShop {
  // Exactly what `cdk synth` builds: cdk.json's flags, the CLI's metadata, NodejsFunction bundling on.
  const { app } = synthShop('local', { bundle: true, outdir });
  const assembly = app.synth();

  const stacks = assembly.stacks.map((stack) => ({
    stackName: stack.stackName,
    template: stack.template as CfnTemplate,
  }));
  const functions = stacks.flatMap((stack) =>
    Object.entries(stack.template.Resources ?? {})
      .filter(([, resource]) => resource.Type === 'AWS::Lambda::Function')
      .map(([logicalId, resource]) =>
        toBenchFunction(assembly.directory, stack.stackName, logicalId, resource),
      ),
  );
  if (functions.length === 0) throw new Error('The synthesized app has no AWS::Lambda::Function.');
  return { outdir: assembly.directory, stacks, functions };
}

export function stackTemplate(shop: SynthesizedShop, stackName: string): CfnTemplate {
  const stack = shop.stacks.find((candidate) => candidate.stackName === stackName);
  if (stack === undefined) {
    throw new Error(`No stack ${stackName}; synthesized: ${shop.stacks.map((s) => s.stackName).join(', ')}.`);
  }
  return stack.template;
}

/**
 * The function's environment with local values: plain strings as they are, `{ Ref: <logicalId> }` (the
 * table names) through `refValue`. Any other intrinsic gets a placeholder: module init only checks that
 * a variable is set, and a new kind of value should not stop the benchmark.
 */
export function resolveEnvironment(
  fn: BenchFunction,
  refValue: (logicalId: string) => string,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fn.environment).map(([key, value]) => {
      if (typeof value === 'string') return [key, value];
      if (isRef(value)) return [key, refValue(value.Ref)];
      return [key, `bench-placeholder-${key.toLowerCase()}`];
    }),
  );
}

export function isRef(value: unknown): value is { Ref: string } {
  return typeof value === 'object' && value !== null && typeof (value as { Ref?: unknown }).Ref === 'string';
}

function toBenchFunction(
  outdir: string,
  stackName: string,
  logicalId: string,
  resource: CfnResource,
): BenchFunction {
  const metadata = resource.Metadata ?? {};
  const properties = resource.Properties ?? {};
  const assetPath = metadata[cxapi.ASSET_RESOURCE_METADATA_PATH_KEY];
  const cdkPath = metadata[cxapi.PATH_METADATA_KEY];
  if (typeof assetPath !== 'string' || typeof cdkPath !== 'string') {
    throw new Error(`${stackName}/${logicalId} has no aws:asset:path / aws:cdk:path metadata.`);
  }
  const variables = (properties.Environment as { Variables?: Record<string, unknown> } | undefined)
    ?.Variables;
  // ServiceFunction names the service (its folder under lambdas/) in the Powertools service name.
  const service = variables?.POWERTOOLS_SERVICE_NAME;
  if (typeof service !== 'string')
    throw new Error(`${stackName}/${logicalId} has no POWERTOOLS_SERVICE_NAME.`);
  const entry = metadata[ENTRY_METADATA_KEY];
  if (typeof entry !== 'string')
    throw new Error(`${stackName}/${logicalId} has no ${ENTRY_METADATA_KEY} metadata.`);
  const name = `${service}/${path.basename(entry, '.ts')}`;
  const bundlePath = path.join(outdir, assetPath, 'index.mjs');
  const entryPath = entryOf(name, path.join(LAMBDAS_ROOT, entry), bundlePath);
  return {
    name,
    stackName,
    logicalId,
    cdkPath,
    description: typeof properties.Description === 'string' ? properties.Description : undefined,
    bundlePath,
    entryPath,
    environment: variables ?? {},
    // Absent from a template means Lambda's defaults: 3 s and 128 MB.
    timeoutSeconds: typeof properties.Timeout === 'number' ? properties.Timeout : 3,
    memoryMb: typeof properties.MemorySize === 'number' ? properties.MemorySize : 128,
  };
}

/**
 * The function's entry file, as its template names it (ServiceFunction's `shop:entry` metadata), proven by
 * the bundle's source map: the unbundled baseline must be built from the very source the bundle was, or
 * the ratio means nothing.
 */
function entryOf(name: string, entryPath: string, bundlePath: string): string {
  const map = JSON.parse(readFileSync(`${bundlePath}.map`, 'utf8')) as {
    sources?: string[];
    sourceRoot?: string;
  };
  const sourceDir = path.resolve(path.dirname(bundlePath), map.sourceRoot ?? '');
  const sources = new Set((map.sources ?? []).map((source) => path.resolve(sourceDir, source)));
  if (!sources.has(entryPath)) {
    throw new Error(`${name}: ${path.relative(LAMBDAS_ROOT, entryPath)} is not in its bundle's source map.`);
  }
  return entryPath;
}
