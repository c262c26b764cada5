import { existsSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { dropBundlingAnnouncements } from './build-chatter';
import { acquireDirectoryLock } from './directory-lock';
import { synthShop } from './synth';
import { testRunDirectory } from './test-run-directory';

/**
 * A bundled synth takes about 30 s of both cores; a loaded machine, a few times that. How long a suite may
 * wait for it (a hook that asks for the assembly takes this as its timeout).
 */
export const SHOP_ASSEMBLY_TIMEOUT_MS = 5 * 60_000;

/**
 * The shop's `local` stage synthesized with its bundles (esbuild), as `npm start` runs it: what ships is
 * what these suites run. Bundling every function takes about half a minute of both cores, so one jest run
 * builds it once, in its run directory, whoever asks first (the e2e global setup, or a suite), under a lock
 * the others wait on; every suite then reads the same assembly. Read only: the local cloud writes nothing
 * into an assembly (its state goes to a data directory), and neither may a suite.
 */
export async function shopAssembly(): Promise<string> {
  const runDirectory = testRunDirectory();
  const assemblyDir = path.join(runDirectory, 'cdk.out');
  const ready = path.join(runDirectory, 'cdk.out.ready');
  if (existsSync(ready)) return assemblyDir;
  const release = await acquireDirectoryLock(path.join(runDirectory, 'cdk.out.lock'), {
    maxWaitMs: SHOP_ASSEMBLY_TIMEOUT_MS,
  });
  try {
    if (!existsSync(ready)) {
      // A builder that died half-way left a partial assembly: start again.
      rmSync(assemblyDir, { recursive: true, force: true });
      dropBundlingAnnouncements();
      synthShop('local', { bundle: true, outdir: assemblyDir }).app.synth();
      writeFileSync(ready, '');
    }
  } finally {
    release();
  }
  return assemblyDir;
}
