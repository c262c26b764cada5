import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalCloudProcess } from './local-cloud-process';
import type { RoundResult } from './run-chaos';

export interface ChaosBench {
  readonly results: readonly RoundResult[];
  readonly seconds: number;
}

/**
 * The full fault matrix on a local cloud of its own: the bin on the synthesized assembly, with a data
 * directory so that the restart fault can kill it mid-flight and start it again. The engine reaches it as
 * the e2e suite reaches the cloud its global setup starts (E2E_OUTPUTS_FILE, E2E_AWS_ENDPOINT), through
 * the same public API helpers; those read the outputs file when loaded, hence the imports after the start.
 */
export async function measureChaos(
  assemblyDir: string,
  progress: (line: string) => void,
  /** Only the faults whose name this matches (to replay a finding); every fault by default. */
  only?: RegExp,
): Promise<ChaosBench> {
  const started = Date.now();
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'shop-chaos-'));
  const cloud = await LocalCloudProcess.create(workDir, assemblyDir);
  try {
    await cloud.start();
    process.env.E2E_OUTPUTS_FILE = cloud.outputsFile;
    process.env.E2E_AWS_ENDPOINT = cloud.endpoint;
    const { fullMatrix } = await import('./fault-matrix');
    const { runChaos } = await import('./run-chaos');
    const { ShopUnderTest } = await import('./shop-under-test');
    const shop = await ShopUnderTest.connect();
    try {
      const faults = fullMatrix().filter((fault) => only === undefined || only.test(fault.name));
      const results = await runChaos(shop, faults, {
        // Compensations retry for about two minutes on average: a round may take that long to end.
        settleTimeoutMs: 360_000,
        progress,
        restart: async () => {
          await cloud.kill();
          await cloud.start();
        },
      });
      return { results, seconds: Math.round((Date.now() - started) / 1000) };
    } finally {
      shop.close();
    }
  } finally {
    await cloud.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}
