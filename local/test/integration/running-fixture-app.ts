import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LocalCloud } from '../../cloud/local-cloud';
import { buildFixtureApp } from '../fixtures/local-cloud-app/app';

/**
 * The fixture app synthesized into a fresh folder and running on the local cloud on free ports, for an
 * integration file's `beforeAll`; `stop()` stops it and removes the folder.
 */
export async function startFixtureApp(
  folderPrefix: string,
): Promise<{ cloud: LocalCloud; stop: () => Promise<void> }> {
  const workDir = mkdtempSync(path.join(tmpdir(), folderPrefix));
  const assemblyDir = path.join(workDir, 'cdk.out');
  try {
    buildFixtureApp(assemblyDir).synth();
    const cloud = await LocalCloud.start({ assemblyDir, apiBasePort: 0, endpointPort: 0 });
    return {
      cloud,
      stop: async () => {
        await cloud.stop();
        rmSync(workDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
}
