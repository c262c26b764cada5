/**
 * The API requests someone is waiting for, counted so that background work can yield to them.
 *
 * On AWS every service has its own machines; here the gateways, the functions behind them and the whole
 * background pipeline (stream and queue pollers, the functions they feed, the executions those start)
 * share a laptop's cores. Without an order of precedence a burst of requests is slowed by the work its own
 * writes set off, several times the requests' CPU. So Lambda's pollers ask `yieldToRequests` before each
 * batch: while requests are in flight the batch waits until none are, for at most `maxDeferMs`, so the
 * pipeline lags behind a burst and catches up after it, but never stops. Nothing already running waits
 * (an invocation or an execution is never paused, so no timeout is spent waiting), and records and
 * messages wait where they would anyway: in their stream or queue (received messages are not held).
 */
export class RequestsInFlight {
  private count = 0;
  private readonly waiters = new Set<() => void>();

  /** Counts one request from now; call the returned function when it is answered (more calls are no-ops). */
  begin(): () => void {
    this.count += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.count -= 1;
      if (this.count === 0) this.wakeAll();
    };
  }

  get inFlight(): number {
    return this.count;
  }

  /**
   * Resolves at once when no request is in flight; otherwise when none is, when `maxDeferMs` has passed
   * (so background work lags but is never starved), or when `signal` aborts.
   */
  yieldToRequests(maxDeferMs: number, signal?: AbortSignal): Promise<void> {
    if (this.count === 0 || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, maxDeferMs);
      signal?.addEventListener('abort', done, { once: true });
      this.waiters.add(done);
    });
  }

  private wakeAll(): void {
    for (const wake of [...this.waiters]) wake();
  }
}

/** What a poller calls before each batch: resolves when the batch may go. */
export type BeforeBatch = (signal?: AbortSignal) => Promise<void>;

/** Long enough for a burst of requests to finish first, short against any record age or queue retention. */
export const DEFAULT_MAX_DEFER_MS = 5_000;
