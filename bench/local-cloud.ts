import { randomUUID } from 'node:crypto';
import { LocalCloud } from '@shop/local-cloud';
import autocannon from 'autocannon';
import { DynamoDbCustomersStore } from '../lambdas/customers/adapters/dynamodb-customers-store';
import { getCustomerHandler } from '../lambdas/customers/handlers/customer-handlers';
import { dynamoDbOrderRepository } from '../lambdas/orders/adapters/dynamodb-order-repository';
import { HttpCustomerDirectory } from '../lambdas/orders/adapters/http-customer-directory';
import { IDEMPOTENCY_KEY_HEADER, placeOrderHandler } from '../lambdas/orders/handlers/place-order-handler';
import { documentClient } from '../lambdas/shared/aws/clients';
import { SAMPLE_ORDER } from '../test/fixtures/orders';
import { requireOutput, testClientTokens } from '../test/helpers/access-tokens';
import { apiEvent, lambdaContext } from '../test/helpers/api-gateway-event';
import { localCallbacks } from '../test/helpers/callback-settings';
import { createCustomer } from '../test/helpers/customer-client';
import { createTables, startDynamoDbLocal, tableNamed } from '../test/helpers/dynamodb-local';
import { handlerFetch } from '../test/helpers/handler-fetch';
import type { CfnTemplate } from './assembly';

/**
 * The local cloud under load: how long it takes to start from a synthesized assembly, and POST /orders
 * over HTTP next to the floor, the same handler called in-process against DynamoDB Local:
 *
 * - overhead: sequential warm requests, p50 over HTTP minus p50 in process: what the emulated gateway, the
 *   function processes and the nested customer lookup add to one request a developer waits for;
 * - throughput: 10 connections (autocannon), HTTP requests per second / in-process requests per second,
 *   with the background pipeline running (every order sets off the stream, the projector, the publisher,
 *   EventBridge and the saga's Step Functions execution, on the same cores) and without it (the cloud
 *   started with `eventSourceMappings: false`: nothing reads the event store's stream, so nothing after
 *   the write runs). The pipeline yields to requests (the local cloud's default: pollers defer batches
 *   while requests are in flight, up to 5 s), so what it costs shows as how long after the burst its
 *   last order is decided; the same run with the pipeline not yielding is printed for reference.
 */
export interface LoadResult {
  readonly requests: number;
  readonly errors: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /**
   * With the pipeline running: ms from the end of the load until the last order it placed was decided
   * (no longer PENDING): the lag the background work built up behind the burst.
   */
  readonly lastOrderDecidedAfterMs?: number;
}

/** Sequential requests, one at a time, after the warm-up. */
export interface SequentialResult {
  readonly requests: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
}

export interface LocalCloudBench {
  readonly startMs: number;
  readonly connections: number;
  readonly seconds: number;
  /** 10 connections with the background pipeline running (yielding to requests, the default). */
  readonly http: LoadResult;
  /** The same with the pipeline not yielding (`yieldToRequests: false`), for reference. */
  readonly httpNotYielding: LoadResult;
  /** 10 connections on a cloud whose event source mappings do not run. */
  readonly httpWithoutPipeline: LoadResult;
  readonly inProcess: LoadResult;
  /** HTTP requests per second on the local cloud (pipeline running) / in-process requests per second. */
  readonly throughputRatio: number;
  /** The same with the pipeline not yielding. */
  readonly throughputRatioNotYielding: number;
  /** The same without the background pipeline. */
  readonly throughputRatioWithoutPipeline: number;
  readonly sequential: {
    /** The cloud without its pipeline: the request path alone. */
    readonly http: SequentialResult;
    /** The cloud with its pipeline running behind each request (for reference). */
    readonly httpWithPipeline: SequentialResult;
    readonly inProcess: SequentialResult;
  };
  /** Sequential p50 over HTTP (without the pipeline) minus sequential p50 in process, ms. */
  readonly overheadMs: number;
  /** The same with the pipeline running behind each request (for reference). */
  readonly overheadWithPipelineMs: number;
}

/** Sequential requests measured (after the warm-up rounds): enough for a steady p50. */
const SEQUENTIAL_REQUESTS = Number(process.env.BENCH_SEQUENTIAL_REQUESTS ?? 100);

const body = JSON.stringify(SAMPLE_ORDER);

export async function measureLocalCloud(
  assemblyDir: string,
  templates: { readonly orders: CfnTemplate; readonly customers: CfnTemplate },
  options: { connections: number; seconds: number },
): Promise<LocalCloudBench> {
  const withPipeline = await overHttp(assemblyDir, 'yielding', options);
  const notYielding = await overHttp(assemblyDir, 'not yielding', options);
  const withoutPipeline = await overHttp(assemblyDir, 'none', options);
  const inProcess = await measureInProcess(templates, options);
  const ratio = (http: LoadResult) =>
    Math.round((http.requestsPerSecond / inProcess.load.requestsPerSecond) * 1000) / 1000;
  const overhead = (http: SequentialResult) =>
    Math.round((http.p50Ms - inProcess.sequential.p50Ms) * 10) / 10;
  return {
    startMs: withPipeline.startMs,
    ...options,
    http: withPipeline.load,
    httpNotYielding: notYielding.load,
    httpWithoutPipeline: withoutPipeline.load,
    inProcess: inProcess.load,
    throughputRatio: ratio(withPipeline.load),
    throughputRatioNotYielding: ratio(notYielding.load),
    throughputRatioWithoutPipeline: ratio(withoutPipeline.load),
    sequential: {
      http: withoutPipeline.sequential,
      httpWithPipeline: withPipeline.sequential,
      inProcess: inProcess.sequential,
    },
    overheadMs: overhead(withoutPipeline.sequential),
    overheadWithPipelineMs: overhead(withPipeline.sequential),
  };
}

/** The background pipeline: running and yielding to requests (the default), running regardless, or off. */
type Pipeline = 'yielding' | 'not yielding' | 'none';

/** One local cloud: its start time, then sequential requests and the load, all after the warm-up. */
async function overHttp(
  assemblyDir: string,
  pipeline: Pipeline,
  options: { connections: number; seconds: number },
): Promise<{ startMs: number; sequential: SequentialResult; load: LoadResult }> {
  const started = performance.now();
  const cloud = await LocalCloud.start({
    assemblyDir,
    apiBasePort: 0,
    endpointPort: 0,
    eventSourceMappings: pipeline !== 'none',
    yieldToRequests: pipeline === 'yielding',
  });
  const startMs = Math.round(performance.now() - started);
  try {
    const api = requireOutput(cloud.outputs, 'PublicApiUrl');
    // One access token of the local test client for the whole run (it is good for an hour).
    const token = await testClientTokens(cloud.outputs).get();
    const authorization = `Bearer ${token}`;
    const body = JSON.stringify({ ...SAMPLE_ORDER, customerId: await createCustomer(api, token) });
    await warmUp(`${api}orders`, authorization, body, options.connections);
    const sequential = await sequentialOverHttp(`${api}orders`, authorization, body);
    const load = await loadOverHttp(`${api}orders`, authorization, body, options);
    if (pipeline === 'none') return { startMs, sequential, load };
    const decided = await decidedAfter(`${api}orders/${load.lastOrderId}`, authorization);
    return { startMs, sequential, load: { ...withoutLastOrder(load), lastOrderDecidedAfterMs: decided } };
  } finally {
    await cloud.stop();
  }
}

async function sequentialOverHttp(
  url: string,
  authorization: string,
  body: string,
): Promise<SequentialResult> {
  const latencies: number[] = [];
  for (let i = 0; i < SEQUENTIAL_REQUESTS; i++) {
    const started = performance.now();
    await postOrder(url, authorization, body, `bench-seq-${randomUUID()}`);
    latencies.push(performance.now() - started);
  }
  return sequentialResult(latencies);
}

async function postOrder(url: string, authorization: string, body: string, key: string): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      Authorization: authorization,
      'Content-Type': 'application/json',
      [IDEMPOTENCY_KEY_HEADER]: key,
    },
    body,
  });
  await response.arrayBuffer();
  if (response.status !== 202) throw new Error(`POST /orders answered ${response.status}`);
}

/**
 * Rounds of `connections` orders at once, before measuring: each concurrent request needs function
 * processes of its own (place-order, the customers lookup, the saga's steps), and their cold starts would
 * otherwise be a third of a 10 s run. The in-process floor has no processes to start.
 */
async function warmUp(url: string, authorization: string, body: string, connections: number): Promise<void> {
  for (let round = 0; round < 3; round++) {
    await Promise.all(
      Array.from({ length: connections }, () =>
        postOrder(url, authorization, body, `bench-warm-${randomUUID()}`),
      ),
    );
  }
}

/** Polls the order until it is no longer PENDING; ms from the call. */
async function decidedAfter(orderUrl: string, authorization: string): Promise<number> {
  const started = performance.now();
  for (;;) {
    const response = await fetch(orderUrl, { headers: { Authorization: authorization } });
    const view = (await response.json()) as { status?: string };
    if (response.status === 200 && view.status !== 'PENDING') return Math.round(performance.now() - started);
    if (performance.now() - started > 120_000) throw new Error(`${orderUrl} was not decided in 2 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const withoutLastOrder = ({ lastOrderId: _, ...load }: LoadResult & { lastOrderId: string }): LoadResult =>
  load;

async function loadOverHttp(
  url: string,
  authorization: string,
  body: string,
  options: { connections: number; seconds: number },
): Promise<LoadResult & { lastOrderId: string }> {
  let counter = 0;
  let lastOrderId = '';
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    requests: [
      {
        method: 'POST',
        body,
        // Each request a new order: a repeated key would measure the idempotency short-cut instead.
        setupRequest: (request) => ({
          ...request,
          headers: {
            ...request.headers,
            Authorization: authorization,
            'Content-Type': 'application/json',
            [IDEMPOTENCY_KEY_HEADER]: `bench-http-${++counter}-${randomUUID()}`,
          },
        }),
        onResponse: (status, responseBody) => {
          if (status === 202) lastOrderId = (JSON.parse(responseBody) as { orderId: string }).orderId;
        },
      },
    ],
  });
  return {
    requests: result.requests.total,
    errors: result.errors + result.non2xx + result.timeouts,
    requestsPerSecond: Math.round(result.requests.total / options.seconds),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    lastOrderId,
  };
}

/**
 * The floor: the handler in this process, DynamoDB Local behind it; first sequential calls, then
 * `connections` callers in a loop. Its customer lookup reaches the real get-customer handler in process too
 * (same work, no network, no gateway, no signing check): the local cloud's cost is what the figures show.
 */
async function measureInProcess(
  templates: { readonly orders: CfnTemplate; readonly customers: CfnTemplate },
  options: { connections: number; seconds: number },
): Promise<{ sequential: SequentialResult; load: LoadResult }> {
  const db = await startDynamoDbLocal();
  try {
    const tables = await createTables(db.client, templates.orders, 'bench-load');
    const customerTables = await createTables(db.client, templates.customers, 'bench-load');
    const customers = new DynamoDbCustomersStore(
      documentClient(db.client),
      tableNamed(customerTables, 'CustomersTable'),
    );
    await customers.create({
      customerId: SAMPLE_ORDER.customerId,
      name: 'Bench Customer',
      email: 'bench@example.com',
      createdAt: new Date().toISOString(),
    });
    const customersUrl = 'https://customers.in-process/internal/';
    const lookups = handlerFetch(customersUrl, [
      { resource: '/customers/{customerId}', handler: getCustomerHandler({ customers }) },
    ]);
    const handler = placeOrderHandler({
      callbacks: localCallbacks,
      customers: new HttpCustomerDirectory(customersUrl, 5_000, lookups),
      orders: dynamoDbOrderRepository(
        documentClient(db.client),
        {
          eventStoreTable: tableNamed(tables, 'OrdersEventStore'),
          snapshotsTable: tableNamed(tables, 'OrdersSnapshots'),
          snapshotEvery: 50,
        },
        { writeSnapshots: false },
      ).orders,
      idempotency: { client: db.client, tableName: tableNamed(tables, 'OrdersIdempotency') },
      now: () => new Date(),
      newId: randomUUID,
    });
    /** One order; its latency in ms, or undefined when it was not accepted. */
    const placeOrder = async (): Promise<number | undefined> => {
      const event = apiEvent({
        method: 'POST',
        resource: '/orders',
        headers: {
          'Content-Type': 'application/json',
          [IDEMPOTENCY_KEY_HEADER]: `bench-floor-${randomUUID()}`,
        },
        body,
      });
      const t0 = performance.now();
      const result = await handler(event, lambdaContext('bench-place-order'));
      return result.statusCode === 202 ? performance.now() - t0 : undefined;
    };

    // The same warm-up as over HTTP, so both sides measure warm code.
    for (let i = 0; i < 3 * options.connections; i++) await placeOrder();
    const sequentialLatencies: number[] = [];
    for (let i = 0; i < SEQUENTIAL_REQUESTS; i++) {
      const latency = await placeOrder();
      if (latency === undefined) throw new Error('The in-process POST /orders did not answer 202');
      sequentialLatencies.push(latency);
    }

    const latencies: number[] = [];
    let errors = 0;
    const deadline = performance.now() + options.seconds * 1000;
    const caller = async () => {
      while (performance.now() < deadline) {
        const latency = await placeOrder();
        if (latency === undefined) errors += 1;
        else latencies.push(latency);
      }
    };
    await Promise.all(Array.from({ length: options.connections }, caller));
    latencies.sort((a, b) => a - b);
    return {
      sequential: sequentialResult(sequentialLatencies),
      load: {
        requests: latencies.length + errors,
        errors,
        requestsPerSecond: Math.round((latencies.length + errors) / options.seconds),
        p50Ms: at(latencies, 0.5),
        p99Ms: at(latencies, 0.99),
      },
    };
  } finally {
    await db.stop();
  }
}

function sequentialResult(latencies: number[]): SequentialResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { requests: sorted.length, p50Ms: at(sorted, 0.5), p90Ms: at(sorted, 0.9) };
}

/** The value at quantile `q` of sorted samples, to 0.1 ms. */
function at(sorted: readonly number[], q: number): number {
  return Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 10) / 10;
}
