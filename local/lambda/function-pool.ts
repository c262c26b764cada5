import type { ExecutionEnvironment } from './execution-environment';

/**
 * The execution environments of one function. Each serves one invocation at a time; a free one is reused
 * (warm), a new one is started while fewer than `limit` exist, and beyond that a caller either gives up
 * (`tryAcquire`: a synchronous invoke on reserved concurrency is throttled) or waits its turn (`acquire`).
 */
export class FunctionPool {
  private readonly live = new Set<ExecutionEnvironment>();
  /** Free environments, the most recently used last: reusing it keeps the fewest processes busy. */
  private readonly idle: ExecutionEnvironment[] = [];
  private readonly waiters: Array<(environment: ExecutionEnvironment | undefined) => void> = [];
  /** Environments being killed: close() waits for them too. */
  private readonly ending = new Set<Promise<void>>();
  private closed = false;

  constructor(
    readonly limit: number,
    private readonly start: (onExit: (environment: ExecutionEnvironment) => void) => ExecutionEnvironment,
  ) {}

  /** A free environment for one invocation, or undefined at the concurrency limit. */
  tryAcquire(): ExecutionEnvironment | undefined {
    if (this.closed) return undefined;
    const warm = this.idle.pop();
    if (warm) return warm;
    if (this.live.size >= this.limit) return undefined;
    const environment = this.start((ended) => this.forget(ended));
    this.live.add(environment);
    return environment;
  }

  /**
   * Starts one environment ahead of any invocation, when none exists and the limit allows one: it loads the
   * handler now and waits idle, so the first invocation finds it warm (or, if its init failed, gets that
   * failure as a cold one would). Not awaited: the init runs while the caller goes on.
   */
  prewarm(): void {
    if (this.closed || this.live.size > 0 || this.live.size >= this.limit) return;
    const environment = this.start((ended) => this.forget(ended));
    this.live.add(environment);
    this.idle.push(environment);
  }

  /**
   * Waits until an environment is free; undefined once the pool is closed, or when `maxWaitMs` passes first
   * (the waiter then leaves the queue, so a later release cannot hand it an environment nobody uses).
   */
  acquire(maxWaitMs = Number.POSITIVE_INFINITY): Promise<ExecutionEnvironment | undefined> {
    const environment = this.tryAcquire();
    if (environment || this.closed) return Promise.resolve(environment);
    return new Promise((resolve) => {
      const waiter = (granted: ExecutionEnvironment | undefined) => {
        clearTimeout(timer);
        resolve(granted);
      };
      const timer = Number.isFinite(maxWaitMs)
        ? setTimeout(() => {
            const index = this.waiters.indexOf(waiter);
            if (index >= 0) this.waiters.splice(index, 1);
            resolve(undefined);
          }, maxWaitMs)
        : undefined;
      this.waiters.push(waiter);
    });
  }

  /** Hands the environment back after an invocation; one that must not be reused is discarded. */
  release(environment: ExecutionEnvironment, reusable: boolean): void {
    if (!reusable || this.closed || !this.live.has(environment)) {
      this.discard(environment);
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) waiter(environment);
    else this.idle.push(environment);
  }

  /** Kills every environment and resolves when all are gone; waiting callers get undefined. */
  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) waiter(undefined);
    for (const environment of [...this.live]) this.discard(environment);
    await Promise.all(this.ending);
  }

  private discard(environment: ExecutionEnvironment): void {
    const ended = environment.kill();
    this.ending.add(ended);
    void ended.then(() => this.ending.delete(ended));
    this.forget(environment);
  }

  /** The environment no longer counts against the limit: its slot can serve a waiting invocation. */
  private forget(environment: ExecutionEnvironment): void {
    if (!this.live.delete(environment)) return;
    const index = this.idle.indexOf(environment);
    if (index >= 0) this.idle.splice(index, 1);
    while (this.waiters.length > 0) {
      const next = this.tryAcquire();
      if (!next) return;
      this.waiters.shift()?.(next);
    }
  }
}
