import * as path from 'node:path';

/** Where the benchmark reads the app from and writes its results; everything is relative to the repo. */
export const REPO_ROOT = path.resolve(__dirname, '..');
export const LAMBDAS_ROOT = path.join(REPO_ROOT, 'lambdas');
/** Git-ignored (see .gitignore), so reports and scratch files never show up as changes. */
export const RESULTS_DIR = path.join(REPO_ROOT, 'bench', 'results');
/**
 * Scratch files that must live inside the repository: the unbundled baseline is imported by Node, which
 * resolves its bare imports by walking up to /work/main/node_modules. Deleted at the end of every run.
 */
export const SCRATCH_DIR = path.join(RESULTS_DIR, 'tmp');
