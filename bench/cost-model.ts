import type { Footprint } from './trace-footprint';

/**
 * What a million orders cost at list prices, from what one order did on the local cloud (its Footprint).
 * Pure: the prices and every assumption are here, printed with the figures. Usage-based charges only:
 * what a month costs with no orders at all (alarms, custom metrics, the sweeper's schedule, the SQS
 * pollers' empty long polls, storage) is not per order and is left out; so is X-Ray, which samples.
 */
export const PRICES = {
  /** us-east-1 list prices, as published in December 2026. */
  region: 'us-east-1',
  restApiPerMillion: 3.5,
  httpApiPerMillion: 1,
  lambdaPerMillionRequests: 0.2,
  /** arm64, the functions' architecture. */
  lambdaPerGbSecond: 0.0000133334,
  /** On demand, since the November 2024 price cut. */
  dynamodbPerMillionWrites: 0.625,
  dynamodbPerMillionReads: 0.125,
  eventBridgePerMillionEvents: 1,
  sqsPerMillionRequests: 0.4,
  standardPerThousandTransitions: 0.025,
  expressPerMillionRequests: 1,
  expressPerGbSecond: 0.00001667,
  /** Express bills memory in 64 MB steps, duration in 100 ms steps. */
  expressBilledGb: 64 / 1024,
  logsPerGbIngested: 0.5,
} as const;

/**
 * Lambda's own lines per invocation in the text log format: START, END and a REPORT with its X-Ray
 * segment (about 90 + 60 + 200 bytes).
 */
export const PLATFORM_LOG_BYTES_PER_INVOCATION = 350;

/**
 * Per SQS batch a Lambda poller makes one ReceiveMessage and one DeleteMessageBatch; each message was
 * sent once (SendMessage, by the rule's target).
 */
const SQS_REQUESTS_PER_BATCH = 2;

export type Workflow =
  | { readonly type: 'none' }
  | { readonly type: 'standard'; readonly logBytes: number }
  | {
      readonly type: 'express';
      /** One execution's duration, start to end. */
      readonly executionMs: number;
      readonly logBytes: number;
      /**
       * What makes the start idempotent, in extra write units: Express does not refuse a second
       * execution of the same name, so the starter keeps a Powertools idempotency record per order.
       */
      readonly idempotentStartWrites: number;
    };

/**
 * What-ifs priced from the same footprint, for what a leaner deployment would cost and what it gives up:
 * HTTP APIs instead of REST APIs (no usage plans, API keys, request validation or stage cache); logs at
 * WARN (no line per request or step; Lambda's JSON format with its own lines at WARN too; no access logs;
 * the workflow logging errors only).
 */
export interface CostOptions {
  readonly httpApis?: boolean;
  readonly logsAtWarn?: boolean;
}

export interface CostLine {
  readonly item: string;
  /** Per order, in the item's unit. */
  readonly quantity: number;
  readonly unit: string;
  readonly usdPerMillionOrders: number;
}

export interface CostEstimate {
  readonly lines: readonly CostLine[];
  readonly totalUsdPerMillionOrders: number;
}

export function costPerMillionOrders(
  footprint: Footprint,
  workflow: Workflow,
  options: CostOptions = {},
): CostEstimate {
  const million = 1_000_000;
  const apiRequests = Object.values(footprint.apiRequests).reduce((sum, n) => sum + n, 0);
  const idempotentStartWrites = workflow.type === 'express' ? workflow.idempotentStartWrites : 0;
  const writes = footprint.dynamodb.writeUnits + footprint.dynamodb.failedWrites + idempotentStartWrites;
  const sqsRequests = footprint.sqs.messages + SQS_REQUESTS_PER_BATCH * footprint.sqs.batches;
  const workflowLogBytes = workflow.type === 'none' ? 0 : workflow.logBytes;
  // At WARN a happy order writes no log line at all.
  const logBytes = options.logsAtWarn
    ? 0
    : footprint.logBytes.functions +
      footprint.logBytes.accessLogs +
      PLATFORM_LOG_BYTES_PER_INVOCATION * footprint.lambda.invocations +
      workflowLogBytes;
  const lines: CostLine[] = [
    options.httpApis
      ? line('API Gateway requests', apiRequests, 'requests', PRICES.httpApiPerMillion)
      : line('API Gateway requests', apiRequests, 'requests', PRICES.restApiPerMillion),
    line('Lambda requests', footprint.lambda.invocations, 'invocations', PRICES.lambdaPerMillionRequests),
    {
      item: 'Lambda duration',
      quantity: footprint.lambda.gbSeconds,
      unit: 'GB-s',
      usdPerMillionOrders: million * footprint.lambda.gbSeconds * PRICES.lambdaPerGbSecond,
    },
    line('DynamoDB writes', writes, 'WRU', PRICES.dynamodbPerMillionWrites),
    line('DynamoDB reads', footprint.dynamodb.readUnits, 'RRU', PRICES.dynamodbPerMillionReads),
    line('DynamoDB stream reads (Lambda triggers: free)', footprint.streamBatches, 'batches', 0),
    line('EventBridge events', footprint.eventsPublished, 'events', PRICES.eventBridgePerMillionEvents),
    line('SQS requests', sqsRequests, 'requests', PRICES.sqsPerMillionRequests),
    ...workflowLines(footprint, workflow),
    {
      item: 'CloudWatch Logs ingested',
      quantity: logBytes,
      unit: 'bytes',
      usdPerMillionOrders: (million * logBytes * PRICES.logsPerGbIngested) / 1024 ** 3,
    },
  ];
  return {
    lines,
    totalUsdPerMillionOrders: lines.reduce((sum, { usdPerMillionOrders }) => sum + usdPerMillionOrders, 0),
  };
}

function workflowLines(footprint: Footprint, workflow: Workflow): CostLine[] {
  if (workflow.type === 'none') return [];
  if (workflow.type === 'standard') {
    return [
      line(
        'Step Functions Standard transitions',
        footprint.stateTransitions,
        'transitions',
        PRICES.standardPerThousandTransitions * 1_000,
      ),
    ];
  }
  const billedSeconds = Math.max(100, Math.ceil(workflow.executionMs / 100) * 100) / 1000;
  const gbSeconds = billedSeconds * PRICES.expressBilledGb;
  return [
    line('Step Functions Express requests', 1, 'executions', PRICES.expressPerMillionRequests),
    {
      item: 'Step Functions Express duration',
      quantity: gbSeconds,
      unit: 'GB-s',
      usdPerMillionOrders: 1_000_000 * gbSeconds * PRICES.expressPerGbSecond,
    },
  ];
}

function line(item: string, quantity: number, unit: string, usdPerMillionUnits: number): CostLine {
  return { item, quantity, unit, usdPerMillionOrders: quantity * usdPerMillionUnits };
}

/** The assumptions, one line each, printed under the figures. */
export const COST_ASSUMPTIONS: readonly string[] = [
  `${PRICES.region} list prices: REST API $${PRICES.restApiPerMillion}/million, HTTP API $${PRICES.httpApiPerMillion}/million; Lambda arm64 $${PRICES.lambdaPerMillionRequests}/million + $${PRICES.lambdaPerGbSecond}/GB-s; DynamoDB on demand $${PRICES.dynamodbPerMillionWrites}/million WRU, $${PRICES.dynamodbPerMillionReads}/million RRU; EventBridge $${PRICES.eventBridgePerMillionEvents}/million events; SQS $${PRICES.sqsPerMillionRequests}/million requests; Step Functions Standard $${PRICES.standardPerThousandTransitions}/1,000 transitions, Express $${PRICES.expressPerMillionRequests}/million + $${PRICES.expressPerGbSecond}/GB-s (64 MB steps); CloudWatch Logs $${PRICES.logsPerGbIngested}/GB ingested`,
  'what one order did on the local cloud, happy path, one order at a time; no free tier; the payment provider (a third party) left out; Lambda durations as measured here (AWS would bill its own), memory as deployed',
  `DynamoDB units as DynamoDB Local reports them; a refused conditional write billed 1 WRU; Lambda's own log lines ${PLATFORM_LOG_BYTES_PER_INVOCATION} bytes per invocation; function logs at INFO; Step Functions logs every history event (level ALL, with data)`,
  'per SQS batch one ReceiveMessage and one DeleteMessageBatch, per message one SendMessage; not per order, so left out: empty long polls, alarms, metrics, schedules, storage, X-Ray',
];
