/**
 * Values kept by key, each for a time of its own: authorizer results for their TTL (REST and HTTP APIs),
 * an issuer's keys. An expired value is gone.
 */
export class TtlCache<T> {
  private readonly entries = new Map<string, { value: T; until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until > this.now()) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, value: T, ttlMs: number): void {
    this.entries.set(key, { value, until: this.now() + ttlMs });
  }
}
