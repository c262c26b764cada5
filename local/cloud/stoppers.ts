/**
 * What the local cloud has started, to stop in reverse order: listeners and pollers before the backends
 * they call, so nothing new reaches a stopped service. A failing stop does not keep the others running.
 */
export class Stoppers {
  private readonly stops: Array<() => Promise<void> | void> = [];

  add(stop: () => Promise<void> | void): void {
    this.stops.push(stop);
  }

  async stopAll(): Promise<void> {
    for (const stop of this.stops.splice(0).reverse()) {
      try {
        await stop();
      } catch {
        // Keep stopping the rest: one stuck service must not leave the others running.
      }
    }
  }
}
