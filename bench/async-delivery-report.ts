import type { AsyncDeliveryBench } from './async-delivery';
import { p99 } from './stats';
import { table } from './text-table';

/**
 * The async styles' latencies, with the polling interval that would give a client the same mean wait: a
 * poll finds a change half an interval after it happened, on average.
 */
export function renderAsyncDelivery(report: AsyncDeliveryBench | { readonly error: string }): string[] {
  if ('error' in report)
    return ['Async delivery (callbacks, push, labels): not measured', `  ${report.error}`];
  const row = (name: string, s: AsyncDeliveryBench['callback'], poll: boolean) => [
    name,
    s.medianMs.toFixed(1),
    p99(s).toFixed(1),
    poll ? (2 * s.medianMs).toFixed(0) : '',
  ];
  return [
    `Async delivery on the local cloud: ${report.orders} confirmed orders one at a time`,
    ...table(
      ['', 'p50 ms', 'p99 ms', 'polling every (ms) for the same mean wait'],
      [
        row('signed callback: order confirmed (event occurredAt) -> receiver', report.callback, true),
        row('WebSocket push: order confirmed (view updatedAt) -> client message', report.webSocket, true),
        row("label over SQS: shipping's request -> the carrier's reply settled", report.labelReply, false),
      ],
    ).map((line) => `  ${line}`),
    `  A poller told Retry-After ${report.retryAfterMs / 1000} s hears of a change ${(report.retryAfterMs / 2).toFixed(0)} ms after it on average, sending a request a second meanwhile.`,
  ];
}
