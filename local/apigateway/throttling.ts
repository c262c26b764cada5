import { ACCOUNT_THROTTLE } from './build-stages';
import { methodKey, type StageModel, type ThrottleSettings } from './rest-api-model';

/**
 * The token bucket API Gateway throttles with: `burstLimit` tokens at most, refilled at `rateLimit` per
 * second; a request takes one token or is throttled. The bucket starts full.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly settings: ThrottleSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = settings.burstLimit;
    this.last = now();
  }

  tryTake(): boolean {
    const { rateLimit, burstLimit } = this.settings;
    if (burstLimit === Number.POSITIVE_INFINITY) return true;
    const now = this.now();
    const elapsed = now - this.last;
    // (guards Infinity * 0: a plan may leave the rate unlimited)
    if (elapsed > 0) this.tokens = Math.min(burstLimit, this.tokens + (elapsed / 1000) * rateLimit);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** A bucket for the account-wide limit (10 000 rps, burst 5 000), shareable between APIs. */
export function accountBucket(now: () => number = Date.now): TokenBucket {
  return new TokenBucket(ACCOUNT_THROTTLE, now);
}

/**
 * One token bucket per key (a REST method, an HTTP API route), made on first use with the settings the
 * caller found for it; a key without settings is limited by the account bucket only.
 */
export class KeyedThrottles {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Takes a token for `key`; false means throttled. */
  tryTake(key: string, settings: ThrottleSettings | undefined): boolean {
    if (!settings) return true;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(settings, this.now);
      this.buckets.set(key, bucket);
    }
    return bucket.tryTake();
  }
}

/**
 * The throttles of one stage: each method has its own bucket, sized by its method setting, else by the
 * stage-wide (`*`, `/*`) setting; methods with neither are limited by the account bucket only.
 */
export class StageThrottles {
  private readonly buckets: KeyedThrottles;

  constructor(
    private readonly stage: StageModel,
    now: () => number = Date.now,
  ) {
    this.buckets = new KeyedThrottles(now);
  }

  settingsFor(resourcePath: string, httpMethod: string): ThrottleSettings | undefined {
    return (
      this.stage.methodThrottles.get(methodKey(resourcePath, httpMethod)) ??
      this.stage.methodThrottles.get(methodKey(resourcePath, '*')) ??
      this.stage.defaultMethodThrottle
    );
  }

  /** Takes a token for the method; false means THROTTLED. */
  tryTake(resourcePath: string, httpMethod: string): boolean {
    return this.buckets.tryTake(
      methodKey(resourcePath, httpMethod),
      this.settingsFor(resourcePath, httpMethod),
    );
  }
}
