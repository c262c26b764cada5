import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import type { BenchFunction } from './assembly';
import { type Summary, summarize } from './stats';

const execFileAsync = promisify(execFile);

export interface ColdInit {
  readonly bundled: Summary;
  readonly unbundled: Summary;
  /** bundled median / unbundled median: the machine's speed cancels out, so this is what is budgeted. */
  readonly ratio: number;
}

/**
 * Runs in a fresh `node` per sample and times only `import()` of the module: loading, compiling and
 * evaluating it, top-level config reading and client construction included; Node's own start-up excluded.
 * Plain node (no tsx, no loader), as Lambda runs it. `node:url` is loaded before the clock starts.
 */
const CHILD_SCRIPT = `
import { pathToFileURL } from 'node:url';
const url = pathToFileURL(process.argv[1]).href;
const start = process.hrtime.bigint();
await import(url);
const elapsed = process.hrtime.bigint() - start;
process.stdout.write('COLD_INIT_NS=' + elapsed + '\\n');
`;
const RESULT_LINE = /^COLD_INIT_NS=(\d+)$/m;

/**
 * The same handler source without the bundle: our TypeScript compiled into one ESM file (it has to be
 * compiled somehow) with every package left as a bare import, so Node resolves and loads them file by
 * file from node_modules. The file is written inside the repository so those imports resolve.
 */
export async function buildUnbundledBaseline(fn: BenchFunction, scratchDir: string): Promise<string> {
  const outfile = path.join(scratchDir, `${fn.name.replaceAll('/', '--')}.unbundled.mjs`);
  await build({
    entryPoints: [fn.entryPath],
    outfile,
    bundle: true,
    packages: 'external',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  return outfile;
}

export async function measureColdInit(
  bundlePath: string,
  baselinePath: string,
  env: Readonly<Record<string, string>>,
  runs: number,
): Promise<ColdInit> {
  // One discarded run each first: the first read of hundreds of node_modules files (or of the bundle)
  // from disk would otherwise land on whichever variant happens to run first.
  await timeImport(bundlePath, env);
  await timeImport(baselinePath, env);

  const bundled: number[] = [];
  const unbundled: number[] = [];
  for (let run = 0; run < runs; run++) {
    // Interleaved, and in alternating order, so drift and noise on the machine hit both variants alike.
    if (run % 2 === 0) {
      bundled.push(await timeImport(bundlePath, env));
      unbundled.push(await timeImport(baselinePath, env));
    } else {
      unbundled.push(await timeImport(baselinePath, env));
      bundled.push(await timeImport(bundlePath, env));
    }
  }
  const bundledSummary = summarize(bundled);
  const unbundledSummary = summarize(unbundled);
  return {
    bundled: bundledSummary,
    unbundled: unbundledSummary,
    ratio: Math.round((bundledSummary.medianMs / unbundledSummary.medianMs) * 1000) / 1000,
  };
}

/** Milliseconds one fresh process spends in `await import(modulePath)`. */
async function timeImport(modulePath: string, env: Readonly<Record<string, string>>): Promise<number> {
  let stdout: string;
  try {
    ({ stdout } = await execFileAsync(
      process.execPath,
      ['--input-type=module', '--eval', CHILD_SCRIPT, modulePath],
      // A clean environment, not the parent's: tsx's loader flags or a stray AWS_* variable must not leak.
      { env: { ...env }, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    ));
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`Importing ${modulePath} failed:\n${stderr || String(error)}`);
  }
  const nanoseconds = RESULT_LINE.exec(stdout)?.[1];
  if (nanoseconds === undefined) throw new Error(`No timing from importing ${modulePath}:\n${stdout}`);
  return Number(BigInt(nanoseconds)) / 1e6;
}
