import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { acquireDirectoryLock } from '../helpers/directory-lock';

/**
 * The e2e files share one deployment (the local cloud the global setup started, or E2E_TARGET's), and some
 * change it for everyone while they run: the chaos suite slows and fails the payment provider, the fuzz
 * suite counts table items. So they take turns, one file at a time, while jest's other workers run the
 * other layers' files. The turn is a lock named after the outputs file, so two runs against different
 * deployments do not wait for each other.
 */
const outputsFile = process.env.E2E_OUTPUTS_FILE;
if (!outputsFile) throw new Error('E2E_OUTPUTS_FILE is not set: the e2e global setup has not run');
const lock = path.join(
  tmpdir(),
  `shop-e2e-turn-${createHash('sha256').update(path.resolve(outputsFile)).digest('hex').slice(0, 16)}`,
);

/** Every e2e file together runs for a few minutes; a turn waits for at most all of them. */
const MAX_WAIT_MS = 15 * 60_000;

let release: (() => void) | undefined;
beforeAll(async () => {
  release = await acquireDirectoryLock(lock, { maxWaitMs: MAX_WAIT_MS });
}, MAX_WAIT_MS + 10_000);

afterAll(() => release?.());
