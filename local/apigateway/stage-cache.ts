import type { HttpResult } from './http-result';

/** API Gateway does not cache a response larger than this. */
export const MAX_CACHED_RESPONSE_BYTES = 1_048_576;
/** Expired entries are only dropped when looked up; past this many entries a store sweeps them all. */
const SWEEP_AT_ENTRIES = 1_000;

/**
 * One stage's cache (API Gateway's cache cluster): responses by cache key, each until its TTL runs out on
 * the server's clock. It lives in memory, so a restart empties it, as redeploying a stage flushes its cache.
 */
export class StageCache {
  private readonly entries = new Map<string, { readonly result: HttpResult; readonly expiresAt: number }>();

  constructor(private readonly now: () => number) {}

  /** The live entry for `key`, if any. */
  get(key: string): HttpResult | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (this.now() < entry.expiresAt) return entry.result;
    this.entries.delete(key);
    return undefined;
  }

  /** Keeps `result` for `ttlSeconds`, unless it is too large to cache. */
  put(key: string, result: HttpResult, ttlSeconds: number): void {
    if (result.body.length > MAX_CACHED_RESPONSE_BYTES) return;
    if (this.entries.size >= SWEEP_AT_ENTRIES) this.sweep();
    this.entries.set(key, { result, expiresAt: this.now() + ttlSeconds * 1000 });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (now >= entry.expiresAt) this.entries.delete(key);
  }
}
