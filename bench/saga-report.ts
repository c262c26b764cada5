import { COST_ASSUMPTIONS, type CostEstimate } from './cost-model';
import type { CostedConfiguration, SagaBench } from './saga';
import { p99, type Summary } from './stats';
import { table } from './text-table';
import type { Footprint } from './trace-footprint';

/** The saga's section of the bench report: latencies by style, what one order does, what it costs. */
export function renderSaga(report: SagaBench | { readonly error: string }): string[] {
  if ('error' in report) return ['Place-order saga: not measured', `  ${report.error}`];
  const ms = (s: Summary) =>
    `${s.medianMs.toFixed(0)} / ${s.p90Ms.toFixed(0)} / ${Math.max(...s.samplesMs).toFixed(0)}`;
  const { orchestration, choreography } = report.perOrder;
  const indent = (lines: string[]) => lines.map((line) => `    ${line}`);
  return [
    `Place-order saga on the local cloud: ${report.orders} orders per style, ${report.concurrency} at a time`,
    '  POST /orders -> CONFIRMED in the read model, ms (median / p90 / max; p99):',
    `    orchestration: ${ms(report.placedToConfirmed)}; p99 ${p99(report.placedToConfirmed).toFixed(0)}`,
    `    choreography:  ${ms(report.choreography.placedToConfirmed)}; p99 ${p99(report.choreography.placedToConfirmed).toFixed(0)}`,
    `  the orchestrated execution alone, ms (median / p90 / max): ${ms(report.executionMs)}`,
    `  what one order does (${orchestration.orders} orders each, one at a time, from the local cloud's trace: POST /orders, all it sets going, one GET of the result):`,
    ...indent(
      table(
        ['', 'orchestration', 'choreography'],
        footprintRows(orchestration.footprint, choreography.footprint, orchestration.executions?.logBytes),
      ),
    ),
    '  cost per million orders, USD:',
    ...indent(costTable(report.cost)),
    ...COST_ASSUMPTIONS.map((assumption) => `  assumes ${assumption}`),
  ];
}

const CONFIGURATIONS: ReadonlyArray<readonly [CostedConfiguration, string]> = [
  ['orchestration-standard', 'orchestration, Standard'],
  ['orchestration-express', 'orchestration, Express'],
  ['choreography', 'choreography'],
  ['orchestration-express-lean', 'what-if: Express, HTTP APIs, logs at WARN'],
];

function footprintRows(orchestration: Footprint, choreography: Footprint, workflowLogBytes = 0): string[][] {
  const sum = (record: Readonly<Record<string, number>>) => Object.values(record).reduce((a, b) => a + b, 0);
  const rows: Array<[string, (f: Footprint) => number, number]> = [
    ['API requests', (f) => sum(f.apiRequests), 1],
    ['Lambda invocations', (f) => f.lambda.invocations, 1],
    ['Lambda GB-seconds', (f) => f.lambda.gbSeconds, 3],
    ['DynamoDB write units', (f) => f.dynamodb.writeUnits, 1],
    ['DynamoDB read units', (f) => f.dynamodb.readUnits, 1],
    ['refused conditional writes', (f) => f.dynamodb.failedWrites, 1],
    ['stream batches', (f) => f.streamBatches, 1],
    ['events published', (f) => f.eventsPublished, 1],
    ['rule deliveries', (f) => f.ruleDeliveries, 1],
    ['SQS messages', (f) => f.sqs.messages, 1],
    ['SQS batches', (f) => f.sqs.batches, 1],
    ['state transitions', (f) => f.stateTransitions, 1],
    ['function log bytes', (f) => f.logBytes.functions, 0],
    ['access log bytes', (f) => f.logBytes.accessLogs, 0],
  ];
  return [
    ...rows.map(([label, of, digits]) => [
      label,
      of(orchestration).toFixed(digits),
      of(choreography).toFixed(digits),
    ]),
    ['workflow log bytes', workflowLogBytes.toFixed(0), '0'],
  ];
}

/** One row per billed item, one column per configuration; an item a configuration lacks is blank. */
function costTable(cost: Readonly<Record<CostedConfiguration, CostEstimate>>): string[] {
  // Every configuration's items in its own order; the logs, which all have, last.
  const logs = 'CloudWatch Logs ingested';
  const items = [
    ...new Set(CONFIGURATIONS.flatMap(([key]) => cost[key].lines.map((line) => line.item))),
  ].sort((a, b) => Number(a === logs) - Number(b === logs));
  const usd = (value: number) => `$${value.toFixed(2)}`;
  return table(
    ['', ...CONFIGURATIONS.map(([, label]) => label)],
    [
      ...items.map((item) => [
        item,
        ...CONFIGURATIONS.map(([key]) => {
          const line = cost[key].lines.find((candidate) => candidate.item === item);
          return line === undefined ? '' : usd(line.usdPerMillionOrders);
        }),
      ]),
      ['total', ...CONFIGURATIONS.map(([key]) => usd(cost[key].totalUsdPerMillionOrders))],
    ],
  );
}
