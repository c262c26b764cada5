import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Debian's chromium: CI installs it (.ci/run); a laptop without it skips the browser tests. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Whether the browser tests can run here: a local console to drive (not on a deployed target) and the
 * browser; in CI a missing browser is a failure, never a skip.
 */
export function browserAvailable(): boolean {
  if (!process.env.CONSOLE_URL) {
    process.stderr.write(
      `SKIPPED the console's browser tests: E2E_TARGET=${process.env.E2E_TARGET} has no local console\n`,
    );
    return false;
  }
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium package`);
  process.stderr.write(
    `SKIPPED the console's browser tests: ${CHROMIUM} is missing (apt-get install chromium)\n`,
  );
  return false;
}

/** Headless Chromium with a profile of its own, removed on close. */
export async function launchBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(path.join(tmpdir(), 'console-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
