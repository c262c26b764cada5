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
import { testClientTokens } from '../test/helpers/access-tokens';
import { apiEvent, lambdaContext } from '../test/helpers/api-gateway-event';
import { createCustomer } from '../test/helpers/customer-client';
import { createTables, startDynamoDbLocal, tableNamed } from '../test/helpers/dynamodb-local';
import { handlerFetch } from '../test/helpers/handler-fetch';
import type { CfnTemplate } from './assembly';

/**
 * The local cloud under load: how long it takes to start from a synthesized assembly, and POST /orders
 * throughput and latency over HTTP (autocannon), next to the floor: the same handler called in-process
 * against DynamoDB Local with the same concurrency. The ratio shows what the emulated gateway, the
 * separate function processes and the endpoint hop cost.
 */
export interface LoadResult {
  readonly requests: number;
  readonly errors: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface LocalCloudBench {
  readonly startMs: number;
  readonly connections: number;
  readonly seconds: number;
  readonly http: LoadResult;
  readonly inProcess: LoadResult;
  /** HTTP requests per second on the local cloud / in-process requests per second. */
  readonly throughputRatio: number;
}

const body = JSON.stringify(SAMPLE_ORDER);

export async function measureLocalCloud(
  assemblyDir: string,
  templates: { readonly orders: CfnTemplate; readonly customers: CfnTemplate },
  options: { connections: number; seconds: number },
): Promise<LocalCloudBench> {
  const started = performance.now();
  const cloud = await LocalCloud.start({ assemblyDir, apiBasePort: 0, endpointPort: 0 });
  const startMs = Math.round(performance.now() - started);
  let http: LoadResult;
  try {
    const api = Object.values(cloud.outputs).find((outputs) => outputs.PublicApiUrl)?.PublicApiUrl;
    if (api === undefined) throw new Error('The local cloud has no PublicApiUrl output.');
    // One access token of the local test client for the whole run (it is good for an hour).
    const token = await testClientTokens(cloud.outputs).get();
    const authorization = `Bearer ${token}`;
    const body = JSON.stringify({ ...SAMPLE_ORDER, customerId: await createCustomer(api, token) });
    await warmUp(`${api}orders`, authorization, body, options.connections);
    http = await loadOverHttp(`${api}orders`, authorization, body, options);
  } finally {
    await cloud.stop();
  }
  const inProcess = await loadInProcess(templates, options);
  return {
    startMs,
    ...options,
    http,
    inProcess,
    throughputRatio: Math.round((http.requestsPerSecond / inProcess.requestsPerSecond) * 1000) / 1000,
  };
}

/**
 * Rounds of `connections` orders at once, before measuring: each concurrent request needs function
 * processes of its own (place-order, the customers lookup, the saga's steps), and their cold starts would
 * otherwise be a third of a 10 s run. The in-process floor has no processes to start.
 */
async function warmUp(url: string, authorization: string, body: string, connections: number): Promise<void> {
  for (let round = 0; round < 3; round++) {
    await Promise.all(
      Array.from({ length: connections }, async () => {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            Authorization: authorization,
            'Content-Type': 'application/json',
            [IDEMPOTENCY_KEY_HEADER]: `bench-warm-${randomUUID()}`,
          },
          body,
        });
        if (response.status !== 202) throw new Error(`Warm-up POST /orders answered ${response.status}`);
      }),
    );
  }
}

async function loadOverHttp(
  url: string,
  authorization: string,
  body: string,
  options: { connections: number; seconds: number },
): Promise<LoadResult> {
  let counter = 0;
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
      },
    ],
  });
  return {
    requests: result.requests.total,
    errors: result.errors + result.non2xx + result.timeouts,
    requestsPerSecond: Math.round(result.requests.total / options.seconds),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  };
}

/**
 * The floor: the handler in this process, DynamoDB Local behind it, `connections` callers in a loop. Its
 * customer lookup reaches the real get-customer handler in process too (same work, no network, no
 * gateway, no signing check): the local cloud's cost is what the ratio shows.
 */
async function loadInProcess(
  templates: { readonly orders: CfnTemplate; readonly customers: CfnTemplate },
  options: { connections: number; seconds: number },
): Promise<LoadResult> {
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
    const latencies: number[] = [];
    let errors = 0;
    const deadline = performance.now() + options.seconds * 1000;
    const caller = async () => {
      while (performance.now() < deadline) {
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
        latencies.push(performance.now() - t0);
        if (result.statusCode !== 202) errors += 1;
      }
    };
    await Promise.all(Array.from({ length: options.connections }, caller));
    latencies.sort((a, b) => a - b);
    const at = (q: number) =>
      Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0) * 10) /
      10;
    return {
      requests: latencies.length,
      errors,
      requestsPerSecond: Math.round(latencies.length / options.seconds),
      p50Ms: at(0.5),
      p99Ms: at(0.99),
    };
  } finally {
    await db.stop();
  }
}
