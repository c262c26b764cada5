import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { BenchFunction } from './assembly';

export interface BundleSize {
  /** Bytes of `index.mjs` as deployed (minified); the budget is on the code, not on its `.map`. */
  readonly minifiedBytes: number;
  /** gzip level 9: close to what the deployment zip costs to upload and Lambda to fetch. */
  readonly gzipBytes: number;
}

export function measureBundle(fn: BenchFunction): BundleSize {
  const bundle = readFileSync(fn.bundlePath);
  return { minifiedBytes: bundle.byteLength, gzipBytes: gzipSync(bundle, { level: 9 }).byteLength };
}
