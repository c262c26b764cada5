/**
 * Background work of a local service (event deliveries, queued asynchronous invocations): counts what is
 * in flight so that `drain()` can wait for it, and holds the retry waits so that `close()` can cut them
 * short (nothing left behind keeps the process alive).
 */
export class PendingWork {
  private pending = 0;
  private readonly drained: Array<() => void> = [];
  private readonly sleepers = new Map<NodeJS.Timeout, () => void>();
  private closed = false;

  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Runs `work` in the background, starting on a later turn of the event loop so that the API call that
   * caused it answers first (PutEvents and an Event invoke return before anything runs); its rejection
   * goes to `onError`.
   */
  track(work: () => Promise<void>, onError: (error: unknown) => void): void {
    this.pending += 1;
    void new Promise<void>((resolve) => setImmediate(resolve))
      .then(work)
      .catch(onError)
      .finally(() => {
        this.pending -= 1;
        if (this.pending === 0) for (const resolve of this.drained.splice(0)) resolve();
      });
  }

  /** Resolves when no tracked work is running or waiting to retry. */
  drain(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.drained.push(resolve));
  }

  /** Waits `ms`; resolves false at once when closed (the caller then gives up). */
  sleep(ms: number): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.sleepers.delete(timer);
        resolve(!this.closed);
      }, ms);
      this.sleepers.set(timer, () => resolve(false));
    });
  }

  close(): void {
    this.closed = true;
    for (const [timer, wake] of this.sleepers) {
      clearTimeout(timer);
      wake();
    }
    this.sleepers.clear();
  }
}
