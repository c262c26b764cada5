/**
 * Retry with exponential backoff and full jitter (each wait uniform in [0, min(maxDelayMs, base * 2^n)),
 * the AWS Architecture Blog's recommendation): callers that collide spread out instead of colliding again.
 * The clock and the randomness come in, so tests run without waiting and with exact delays.
 */
export interface Backoff {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
}

export const realTime: Pick<Backoff, 'sleep' | 'random'> = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** Waits before attempt `attempt + 1`, after `attempt` attempts failed (attempt >= 1). */
export function backOff(backoff: Backoff, attempt: number): Promise<void> {
  const ceiling = Math.min(backoff.maxDelayMs, backoff.baseDelayMs * 2 ** attempt);
  return backoff.sleep(Math.floor(backoff.random() * ceiling));
}
