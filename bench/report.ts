import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AsyncDeliveryBench } from './async-delivery';
import { renderAsyncDelivery } from './async-delivery-report';
import type { BudgetResult } from './budgets';
import type { BundleSize } from './bundles';
import { renderChaos } from './chaos/chaos-table';
import type { ChaosBench } from './chaos/measure-chaos';
import type { ColdInit } from './cold-init';
import type { CompositionBench } from './composition';
import { renderComposition } from './composition-report';
import type { DynamoDbCall, DynamoDbCallsReport, RequestCalls } from './dynamodb-calls';
import type { EventSourcingBench } from './event-sourcing';
import type { LocalCloudBench } from './local-cloud';
import type { ProductCacheBench } from './product-cache';
import { renderProductCache } from './product-cache-report';
import type { SagaBench } from './saga';
import { renderSaga } from './saga-report';
import type { Summary } from './stats';
import { table } from './text-table';

export interface HandlerReport {
  readonly name: string;
  readonly description: string | undefined;
  readonly cdkPath: string;
  /** The asset directory in the cloud assembly (`asset.<hash>`), to compare with a `cdk synth` output. */
  readonly assetPath: string;
  readonly size: BundleSize;
  readonly coldInit: ColdInit;
}

export interface BenchReport {
  readonly generatedAt: string;
  readonly machine: {
    readonly node: string;
    readonly platform: string;
    readonly arch: string;
    readonly cpus: number;
    readonly cpuModel: string;
  };
  readonly coldInitRuns: number;
  readonly handlers: readonly HandlerReport[];
  readonly budgets: readonly BudgetResult[];
  readonly dynamodbCalls: DynamoDbCallsReport | { readonly error: string };
  readonly localCloud: LocalCloudBench | { readonly error: string };
  readonly eventSourcing: EventSourcingBench | { readonly error: string };
  readonly saga: SagaBench | { readonly error: string };
  readonly composition: CompositionBench | { readonly error: string };
  readonly productCache: ProductCacheBench | { readonly error: string };
  readonly asyncDelivery: AsyncDeliveryBench | { readonly error: string };
  readonly chaos: ChaosBench | { readonly error: string };
  readonly pass: boolean;
}

export function renderReport(report: BenchReport): string {
  const lines: string[] = [];
  lines.push(
    `Bundles and cold module init: ${report.coldInitRuns} fresh node processes per variant, interleaved`,
    `(${report.machine.node}, ${report.machine.platform}/${report.machine.arch}, ${report.machine.cpus} x ${report.machine.cpuModel})`,
    '',
  );
  lines.push(
    ...table(
      ['handler', 'minified', 'gzip -9', 'init bundled ms', 'init unbundled ms', 'ratio'],
      report.handlers.map((handler) => [
        handler.name,
        bytes(handler.size.minifiedBytes),
        bytes(handler.size.gzipBytes),
        timings(handler.coldInit.bundled),
        timings(handler.coldInit.unbundled),
        `${handler.coldInit.ratio.toFixed(3)}x`,
      ]),
    ),
    '(init ms: median / p90 / min; ratio: bundled median / unbundled median)',
    '',
    'Budgets',
    ...renderBudgets(report.budgets),
    '',
  );
  lines.push(...renderDynamoDbCalls(report.dynamodbCalls), '');
  lines.push(...renderLocalCloud(report.localCloud), '');
  lines.push(...renderEventSourcing(report.eventSourcing), '');
  lines.push(...renderSaga(report.saga), '');
  lines.push(...renderComposition(report.composition), '');
  lines.push(...renderProductCache(report.productCache), '');
  lines.push(...renderAsyncDelivery(report.asyncDelivery), '');
  lines.push(
    ...('error' in report.chaos
      ? ['Chaos: not measured', `  ${report.chaos.error}`]
      : [
          `Chaos: the fault matrix on the local cloud (${report.chaos.seconds} s)`,
          ...renderChaos(report.chaos.results),
        ]),
    '',
  );
  lines.push(report.pass ? 'All budgets pass.' : 'FAIL: see above.');
  return lines.join('\n');
}

/** One row per budget: PASS / FAIL (REF for a figure printed only for reference), actual and limit. */
export function renderBudgets(budgets: readonly BudgetResult[]): string[] {
  return table(
    ['', 'budget', 'actual', 'limit'],
    budgets.map((budget) => [
      budget.reference ? 'REF' : budget.pass ? 'PASS' : 'FAIL',
      budget.budget,
      budget.actual === null ? 'not found' : budgetValue(budget.unit, budget.actual),
      `${budget.atLeast ? '>=' : '<='} ${budgetValue(budget.unit, budget.limit)}`,
    ]),
  ).map((line) => `  ${line}`);
}

/** Writes the report twice: a timestamped copy to keep history, and `latest.json` to diff against. */
export function writeReport(report: BenchReport, resultsDir: string): string[] {
  mkdirSync(resultsDir, { recursive: true });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const files = [
    path.join(resultsDir, `bench-${report.generatedAt.replace(/[:.]/g, '-')}.json`),
    path.join(resultsDir, 'latest.json'),
  ];
  for (const file of files) writeFileSync(file, json);
  return files;
}

function renderDynamoDbCalls(report: BenchReport['dynamodbCalls']): string[] {
  if ('error' in report) return ['Calls per request: not measured', `  ${report.error}`];
  const row = (label: string, request: RequestCalls) => [
    label,
    String(request.statusCode),
    `${request.calls.length} call${request.calls.length === 1 ? '' : 's'}`,
    request.calls.map(describeCall).join(' -> ') || '(none)',
  ];
  const lines = [
    `Calls per request (${report.handler}: DynamoDB Local, and the customers API behind IAM)`,
    ...table(
      ['request', 'status', 'calls', 'operations'],
      [row('first', report.first), row('duplicate', report.duplicate)],
    ).map((line) => `  ${line}`),
    `  duplicate returned the same orderId: ${report.sameOrderId ? 'yes' : 'NO'}`,
  ];
  for (const [label, request] of [
    ['first', report.first],
    ['duplicate', report.duplicate],
  ] as const) {
    if (request.unexpectedBody !== undefined) lines.push(`  ${label} answered: ${request.unexpectedBody}`);
  }
  return lines;
}

function renderLocalCloud(report: BenchReport['localCloud']): string[] {
  if ('error' in report) return ['Local cloud: not measured', `  ${report.error}`];
  const row = (label: string, load: LocalCloudBench['http']) => [
    label,
    load.requests.toLocaleString('en-US'),
    String(load.errors),
    String(load.requestsPerSecond),
    load.p50Ms.toFixed(1),
    load.p99Ms.toFixed(1),
  ];
  const { sequential } = report;
  const sequentialRow = (label: string, result: LocalCloudBench['sequential']['http'], overhead: string) => [
    label,
    String(result.requests),
    result.p50Ms.toFixed(1),
    result.p90Ms.toFixed(1),
    overhead,
  ];
  return [
    `Local cloud: started in ${report.startMs} ms (after synth); POST /orders, warm`,
    `  sequential, one request at a time`,
    ...table(
      ['', 'requests', 'p50 ms', 'p90 ms', 'overhead p50 ms'],
      [
        sequentialRow('HTTP on the local cloud, no pipeline', sequential.http, report.overheadMs.toFixed(1)),
        sequentialRow(
          'HTTP on the local cloud, pipeline running',
          sequential.httpWithPipeline,
          report.overheadWithPipelineMs.toFixed(1),
        ),
        sequentialRow('in-process floor', sequential.inProcess, '-'),
      ],
    ).map((line) => `    ${line}`),
    `  ${report.connections} connections, ${report.seconds} s`,
    ...table(
      ['', 'requests', 'errors', 'req/s', 'p50 ms', 'p99 ms', 'ratio'],
      [
        [
          ...row('HTTP on the local cloud, pipeline running', report.http),
          `${report.throughputRatio.toFixed(3)}x`,
        ],
        [
          ...row('  the same, pipeline not yielding', report.httpNotYielding),
          `${report.throughputRatioNotYielding.toFixed(3)}x`,
        ],
        [
          ...row('HTTP on the local cloud, no pipeline', report.httpWithoutPipeline),
          `${report.throughputRatioWithoutPipeline.toFixed(3)}x`,
        ],
        [...row('in-process floor', report.inProcess), '-'],
      ],
    ).map((line) => `    ${line}`),
    "  (overhead: p50 minus the floor's p50; ratio: req/s / the floor's req/s; no pipeline: event source",
    "  mappings off, so nothing reads the event store's stream and no saga runs; the pipeline yields to",
    '  requests unless it says not: its pollers defer batches while requests are in flight, up to 5 s)',
    `  the load's last order was decided ${seconds(report.http.lastOrderDecidedAfterMs)} after the load ended (not yielding: ${seconds(report.httpNotYielding.lastOrderDecidedAfterMs)})`,
  ];
}

const seconds = (ms: number | undefined) => (ms === undefined ? '-' : `${(ms / 1000).toFixed(1)} s`);

function renderEventSourcing(report: BenchReport['eventSourcing']): string[] {
  if ('error' in report) return ['Event sourcing: not measured', `  ${report.error}`];
  return [
    `Aggregate load (DynamoDB Local, snapshot every ${report.snapshotEvery} events; median of runs, round robin)`,
    ...table(
      ['events', 'from', 'snapshot at', 'requests', 'median ms', 'p90 ms'],
      report.loads.map((load) => [
        load.events.toLocaleString('en-US'),
        load.mode,
        load.snapshotVersion === 0 ? '-' : load.snapshotVersion.toLocaleString('en-US'),
        String(load.requests),
        load.load.medianMs.toFixed(2),
        load.load.p90Ms.toFixed(2),
      ]),
    ).map((line) => `  ${line}`),
    '',
    `Projector (real handler, DynamoDB Local; DynamoDB Local alone takes ${report.dynamoDbLocalConditionalPutsPerSecond.toLocaleString('en-US')} conditional PutItems/s here; per order: the median of 3 rounds, ${report.perOrderEventsPerWrite.toFixed(2)} events per write-time)`,
    ...table(
      ['workload', 'events', 'orders', 'batch', 'seconds', 'events/s', 'view writes', 'changed views'],
      report.projector.map((run) => [
        run.workload,
        run.events.toLocaleString('en-US'),
        run.orders.toLocaleString('en-US'),
        String(run.batchSize),
        run.seconds.toFixed(2),
        run.eventsPerSecond.toLocaleString('en-US'),
        run.writes.toLocaleString('en-US'),
        run.changedViews.toLocaleString('en-US'),
      ]),
    ).map((line) => `  ${line}`),
    '  interleaved: every event of a batch is a different order, so one write per event: bounded by DynamoDB Local.',
  ];
}

/** `PutItem(idempotency)`, or `PutItem(idempotency) ConditionalCheckFailedException` when it failed. */
function describeCall(call: DynamoDbCall): string {
  const name = `${call.command}(${call.tables.join(', ')})`;
  return call.outcome === 'ok' ? name : `${name} ${call.outcome}`;
}

function budgetValue(unit: BudgetResult['unit'], value: number): string {
  if (unit === 'ms') return `${value.toLocaleString('en-US')} ms`;
  if (unit === 'events/s') return `${Math.round(value).toLocaleString('en-US')} events/s`;
  if (unit === 'calls' || unit === 'requests' || unit === 'invocations')
    return `${value} ${value === 1 ? unit.slice(0, -1) : unit}`;
  return unit === 'bytes' ? bytes(value) : `${value.toFixed(3)}x`;
}

function bytes(count: number): string {
  return `${count.toLocaleString('en-US')} B (${(count / 1024).toFixed(1)} KiB)`;
}

function timings(summary: Summary): string {
  return [summary.medianMs, summary.p90Ms, summary.minMs].map((ms) => ms.toFixed(1)).join(' / ');
}
