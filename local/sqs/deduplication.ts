import { createHash } from 'node:crypto';

/** FIFO queues drop a message whose deduplication id was seen within the last five minutes. */
export const DEDUPLICATION_WINDOW_MS = 5 * 60 * 1000;

export interface Deduplicated {
  readonly messageId: string;
  readonly sequenceNumber: string;
}

export class DeduplicationWindow {
  private readonly seen = new Map<string, Deduplicated & { readonly expiresAt: number }>();

  /** The earlier message this key duplicates, if it is still inside the window. */
  find(key: string, now: number): Deduplicated | undefined {
    const entry = this.seen.get(key);
    if (entry && entry.expiresAt > now) return entry;
    if (entry) this.seen.delete(key);
    return undefined;
  }

  remember(key: string, sent: Deduplicated, now: number): void {
    this.seen.set(key, { ...sent, expiresAt: now + DEDUPLICATION_WINDOW_MS });
    for (const [oldKey, entry] of this.seen) {
      if (entry.expiresAt > now) break; // insertion order = expiry order
      this.seen.delete(oldKey);
    }
  }

  clear(): void {
    this.seen.clear();
  }
}

/** ContentBasedDeduplication: the SHA-256 of the body (attributes do not count, as in SQS). */
export function contentDeduplicationId(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex');
}
