import { startShopLocally } from '../e2e/local-cloud-setup';

/** Jest global setup of the console project: the shop on the local cloud, with its console on. */
export default async function setup(): Promise<void> {
  const cloud = await startShopLocally({ console: true });
  if (!cloud.consoleUrl) throw new Error('the local cloud started without its console');
  process.env.CONSOLE_URL = cloud.consoleUrl;
}
