import type { AsyncDeliveryBench } from './async-delivery';
import { p99 } from './stats';
import { table } from './text-table';

/**
 * The async styles' delivery latencies, with the polling interval that would give a client the same mean
 * wait: a poll finds a change half an interval after it happened, on average.
 */
export function renderAsyncDelivery(report: AsyncDeliveryBench | { readonly error: string }): string[] {
  if ('error' in report) return ['Async delivery (callbacks): not measured', `  ${report.error}`];
  const row = (name: string, s: AsyncDeliveryBench['callback']) => [
    name,
    s.medianMs.toFixed(1),
    p99(s).toFixed(1),
    (2 * s.medianMs).toFixed(0),
  ];
  return [
    `Async delivery on the local cloud: ${report.orders} orders one at a time, from the final status (its event's occurredAt) to the client`,
    ...table(
      ['channel', 'p50 ms', 'p99 ms', 'polling every (ms) for the same mean wait'],
      [row('signed callback (final-status event -> receiver)', report.callback)],
    ).map((line) => `  ${line}`),
    `  A poller told Retry-After ${report.retryAfterMs / 1000} s hears of it ${(report.retryAfterMs / 2).toFixed(0)} ms after the change on average, and sends a request a second while it waits.`,
  ];
}
