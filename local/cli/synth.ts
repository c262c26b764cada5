import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Runs the app's own `cdk synth` (in the directory holding its cdk.json) when the assembly is missing or
 * older than the app's sources, and records the context it was synthesized with, so a restart with
 * unchanged sources starts in seconds.
 */
const STAMP = '.local-cloud-synth.json';
// Never part of the app's sources: dependencies, outputs, and data the local cloud itself writes.
const NOT_SOURCES = new Set(['node_modules', '.git', 'cdk.out', 'coverage', '.local-cloud']);

/** What `cdk synth` prints on stderr while it works: progress, not news. */
const SYNTH_CHATTER = [/^Bundling asset \S+\.\.\.$/, /^Successfully synthesized to /, /^Supply a stack id /];

export function synthIfNeeded(
  appDir: string,
  assemblyDir: string,
  context: readonly string[],
  mode: 'auto' | 'always' | 'never',
  log: (line: string) => void,
): { synthesized: boolean; ms: number } {
  const started = Date.now();
  if (mode === 'never') return { synthesized: false, ms: 0 };
  // Without cdk.json there is no CDK app here to synthesize: the assembly was built elsewhere.
  if (mode === 'auto' && !existsSync(path.join(appDir, 'cdk.json'))) {
    log(
      `Running ${path.relative(appDir, assemblyDir) || assemblyDir} as it is (no cdk.json here to synthesize).`,
    );
    return { synthesized: false, ms: 0 };
  }
  const stampFile = path.join(assemblyDir, STAMP);
  if (mode === 'auto' && isFresh(appDir, assemblyDir, stampFile, context)) {
    log(
      `Reusing ${path.relative(appDir, assemblyDir) || assemblyDir}: no source changed since the last synth.`,
    );
    return { synthesized: false, ms: 0 };
  }
  log(`Synthesizing (cdk synth ${context.map((c) => `-c ${c}`).join(' ')})...`);
  const result = spawnSync(
    'npx',
    [
      'cdk',
      'synth',
      '--quiet',
      '--no-notices',
      '--output',
      assemblyDir,
      ...context.flatMap((c) => ['-c', c]),
    ],
    {
      cwd: appDir,
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1' },
    },
  );
  const lines = (result.stderr ?? '').split('\n').filter((line) => line.trim() !== '');
  if (result.status !== 0) {
    // A failed synth (a cdk-nag finding, a compile error) needs everything the CLI said.
    for (const line of lines) log(line);
    throw new Error(`cdk synth failed (exit ${result.status ?? result.signal})`);
  }
  // On success, what the CLI says about its own progress is chatter; warnings and annotations stay.
  for (const line of lines.filter((candidate) => !SYNTH_CHATTER.some((chatter) => chatter.test(candidate)))) {
    log(line);
  }
  writeFileSync(stampFile, JSON.stringify({ context, at: new Date().toISOString() }));
  return { synthesized: true, ms: Date.now() - started };
}

function isFresh(
  appDir: string,
  assemblyDir: string,
  stampFile: string,
  context: readonly string[],
): boolean {
  if (!existsSync(stampFile)) return false;
  const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as { context?: string[] };
  if (JSON.stringify(stamp.context ?? []) !== JSON.stringify(context)) return false;
  const synthesizedAt = statSync(stampFile).mtimeMs;
  const skip = new Set([...NOT_SOURCES, path.basename(path.resolve(assemblyDir))]);
  return newestSourceChange(appDir, skip) < synthesizedAt;
}

function newestSourceChange(dir: string, skip: ReadonlySet<string>): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(entry.name) || entry.name.startsWith('cdk-outputs')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceChange(full, skip));
    else if (entry.isFile()) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}
