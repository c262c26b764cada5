/** Jest global teardown of the e2e and console projects: stops the local cloud the setup started, if any. */
export default async function teardown(): Promise<void> {
  await globalThis.__LOCAL_CLOUD__?.stop();
}
