import * as path from 'node:path';
import { LocalCloud, type LocalCloudOptions, writeOutputsFile } from '@shop/local-cloud';
import { shopAssembly } from '../helpers/shop-assembly';
import { testRunDirectory } from '../helpers/test-run-directory';

/**
 * Jest global setup of the e2e and console projects (one module: jest runs it once for both, so both use
 * one local cloud and one outputs file). With E2E_TARGET unset or `local`, synthesizes the app for the
 * `local` stage (the run's shared assembly, which other suites reuse), starts the local cloud on free ports with its console on (its URL
 * in CONSOLE_URL), and writes its outputs file for the suites; any other target is already deployed and
 * only needs E2E_OUTPUTS_FILE (and has no console: the browser tests skip).
 */
declare global {
  var __LOCAL_CLOUD__: LocalCloud | undefined;
}

export default async function setup(): Promise<void> {
  const target = process.env.E2E_TARGET ?? 'local';
  if (target !== 'local') {
    if (!process.env.E2E_OUTPUTS_FILE) throw new Error(`E2E_TARGET=${target} needs E2E_OUTPUTS_FILE`);
    return;
  }
  const cloud = await startShopLocally({ console: true });
  if (!cloud.consoleUrl) throw new Error('the local cloud started without its console');
  process.env.CONSOLE_URL = cloud.consoleUrl;
}

/**
 * The shop synthesized for the `local` stage and running on the local cloud in this process, its outputs
 * file in E2E_OUTPUTS_FILE for the public API helpers; `options` adds local cloud options (the console).
 */
export async function startShopLocally(options: Partial<LocalCloudOptions>): Promise<LocalCloud> {
  // The local cloud runs in this process: its SDK clients' notice about the host's Node says nothing here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const cloud = await LocalCloud.start({ assemblyDir: await shopAssembly(), apiBasePort: 0, ...options });
  globalThis.__LOCAL_CLOUD__ = cloud;
  const outputsFile = path.join(testRunDirectory(), 'outputs.json');
  writeOutputsFile(outputsFile, cloud.outputs);
  process.env.E2E_OUTPUTS_FILE = outputsFile;
  // The local AWS endpoint, for suites that look behind the API (the fuzz suite counts table items).
  process.env.E2E_AWS_ENDPOINT = cloud.endpoint;
  return cloud;
}
