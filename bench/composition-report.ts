import type { App } from '../lambdas/bff/contract';
import type { CompositionBench } from './composition';
import { p99, type Summary } from './stats';
import { table } from './text-table';

/** The composition's section of the bench report. */
export function renderComposition(report: CompositionBench | { readonly error: string }): string[] {
  if ('error' in report) return ["The apps' composed order: not measured", `  ${report.error}`];
  const row = (name: string, s: Summary) => [name, s.medianMs.toFixed(1), p99(s).toFixed(1)];
  const app = (name: App) => row(`composed, ${name} (GET /me/orders/{orderId})`, report.composed[name]);
  const { delayed } = report;
  const indent = (lines: string[]) => lines.map((line) => `  ${line}`);
  return [
    `The apps' composed order on the local cloud: ${report.rounds} rounds, one request at a time, interleaved`,
    ...indent(
      table(
        ['', 'p50 ms', 'p99 ms'],
        [
          app('web'),
          app('mobile'),
          ...Object.entries(report.parts).map(([name, s]) =>
            row(`part alone: ${name}${name === report.slowestPart ? ' (slowest)' : ''}`, s),
          ),
          row('the four parts at once, the slowest of each round', report.partsAtOnce),
          row("the web app's hop alone (a 404 before any part)", report.hop),
          row(`web, payments held past the deadline (${delayed.composed.runs} requests)`, delayed.composed),
        ],
      ),
    ),
    '  (a part alone: the internal API call the BFF makes, signed, through the same local gateway; four at once',
    '  take longer than one here, where four function processes share the cores (on Lambda each has its own);',
    `  held: the crash hook delays get-payment by the deadline + 2 s; the stage gives a part ${delayed.partTimeoutMs} ms`,
    `  and the answer ${delayed.deadlineMs} ms)`,
    `  bytes of the same order's answer: web ${report.bytes.web}, mobile ${report.bytes.mobile} (${(report.bytes.mobile / report.bytes.web).toFixed(2)}x)`,
  ];
}
