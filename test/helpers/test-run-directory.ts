import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/**
 * A directory for one jest run, shared by its worker processes: what one suite builds there (the shop's
 * bundled assembly) the others reuse. Named by the first global setup to ask (jest runs the projects' setups,
 * then the root one) in SHOP_TEST_RUN_DIR, which the workers, started after every setup, inherit; a process
 * outside such a run gets one of its own.
 */
export function testRunDirectory(): string {
  process.env.SHOP_TEST_RUN_DIR ??= mkdtempSync(path.join(tmpdir(), 'shop-test-run-'));
  return process.env.SHOP_TEST_RUN_DIR;
}

export function removeTestRunDirectory(): void {
  const directory = process.env.SHOP_TEST_RUN_DIR;
  if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
}
