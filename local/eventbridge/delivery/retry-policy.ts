import type { RetryPolicyModel } from '../model/types';
import { classifyFailure } from './dispatcher';

export type ExhaustedCondition = 'MaximumRetryAttempts' | 'MaximumEventAgeInSeconds';

export type DeliveryOutcome =
  | { readonly ok: true; readonly retries: number }
  | {
      readonly ok: false;
      readonly code: string;
      readonly message: string;
      readonly retries: number;
      /** Undefined when the error was not retryable, or when the local cloud closed mid-retry. */
      readonly exhausted?: ExhaustedCondition;
      readonly closed?: boolean;
    };

export interface RetryEnvironment {
  /** The wait before retry n (1-based). */
  readonly retryDelayMs: (retry: number) => number;
  readonly now: () => number;
  /** Resolves false when the wait was cut short by close(). */
  readonly sleep: (ms: number) => Promise<boolean>;
  readonly onFailedAttempt: (attempt: number, code: string, message: string) => void;
}

/**
 * EventBridge's exponential backoff with jitter: 1 s, 2 s, 4 s … capped at one minute, each between half
 * and all of it. AWS does not publish its exact schedule; only the policy's limits are its contract.
 */
export function defaultRetryDelayMs(retry: number): number {
  const ceiling = Math.min(1000 * 2 ** (retry - 1), 60_000);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/**
 * Runs `attempt` until it succeeds, the error is not retryable, the retries run out, or the event would
 * be older than MaximumEventAgeInSeconds at the next try (waiting for a retry that may not happen helps
 * nobody).
 */
export async function deliverWithRetries(
  attempt: () => Promise<void>,
  policy: RetryPolicyModel,
  ingestedAt: number,
  environment: RetryEnvironment,
): Promise<DeliveryOutcome> {
  const maxAgeMs = policy.maximumEventAgeInSeconds * 1000;
  for (let retries = 0; ; retries += 1) {
    let failure: ReturnType<typeof classifyFailure>;
    try {
      await attempt();
      return { ok: true, retries };
    } catch (error) {
      failure = classifyFailure(error);
    }
    environment.onFailedAttempt(retries + 1, failure.code, failure.message);
    const failed = { ok: false as const, code: failure.code, message: failure.message, retries };
    if (!failure.retryable) return failed;
    if (retries >= policy.maximumRetryAttempts) return { ...failed, exhausted: 'MaximumRetryAttempts' };
    const delay = environment.retryDelayMs(retries + 1);
    if (environment.now() + delay - ingestedAt > maxAgeMs) {
      return { ...failed, exhausted: 'MaximumEventAgeInSeconds' };
    }
    if (!(await environment.sleep(delay))) return { ...failed, closed: true };
    if (environment.now() - ingestedAt > maxAgeMs)
      return { ...failed, exhausted: 'MaximumEventAgeInSeconds' };
  }
}
