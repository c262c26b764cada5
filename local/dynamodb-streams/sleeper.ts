/**
 * Timers that stop() can cut short: every wait of the poller goes through one, so that stopping never
 * waits out a poll interval or a retry delay and leaves no timer behind.
 */
export class Sleeper {
  private stopped = false;
  private readonly waiting = new Map<NodeJS.Timeout, () => void>();
  private readonly stopping = new AbortController();

  /** Aborted by stop(): for waits that are not this sleeper's own timers. */
  get signal(): AbortSignal {
    return this.stopping.signal;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Resolves true after `ms`, or false at once (or as soon as) the sleeper is stopped. */
  sleep(ms: number): Promise<boolean> {
    if (this.stopped) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(timer);
        resolve(!this.stopped);
      }, ms);
      this.waiting.set(timer, () => resolve(false));
    });
  }

  stop(): void {
    this.stopped = true;
    this.stopping.abort();
    for (const [timer, wake] of this.waiting) {
      clearTimeout(timer);
      wake();
    }
    this.waiting.clear();
  }
}
