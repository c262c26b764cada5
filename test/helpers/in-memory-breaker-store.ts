import type { BreakerStore } from '../../lambdas/shared/resilience/circuit-breaker';
import type { BreakerState } from '../../lambdas/shared/resilience/circuit-breaker-state';

/**
 * The breaker store in memory with DynamoDB's conditional-write semantics, and a turn of the event loop
 * inside every operation, so concurrent callers interleave as they would against a real table.
 */
export class InMemoryBreakerStore implements BreakerStore {
  readonly states = new Map<string, BreakerState>();
  writes = 0;

  async read(name: string): Promise<BreakerState | undefined> {
    await tick();
    return this.states.get(name);
  }

  async count(name: string, windowStartedAt: number, failure: boolean): Promise<BreakerState | undefined> {
    await tick();
    const state = this.states.get(name);
    if (state?.status !== 'CLOSED' || state.windowStartedAt !== windowStartedAt) return undefined;
    this.writes++;
    const next = {
      ...state,
      calls: state.calls + 1,
      failures: state.failures + (failure ? 1 : 0),
      version: state.version + 1,
    };
    this.states.set(name, next);
    return next;
  }

  async write(name: string, next: BreakerState, expectedVersion: number): Promise<boolean> {
    await tick();
    if ((this.states.get(name)?.version ?? 0) !== expectedVersion) return false;
    this.writes++;
    this.states.set(name, next);
    return true;
  }
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
