import { randomUUID } from 'node:crypto';
import {
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { LocalCloud } from '@shop/local-cloud';
import type { SagaStyle } from '../lambdas/orders/contract';
import { SAMPLE_ORDER } from '../test/fixtures/orders';
import { requireOutput, testClientTokens } from '../test/helpers/access-tokens';
import { createCustomer } from '../test/helpers/customer-client';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../test/helpers/dynamodb-local';
import { type CostEstimate, costPerMillionOrders } from './cost-model';
import { measureFootprint, type StyleFootprint } from './order-footprint';
import { type Summary, summarize } from './stats';

/**
 * The place-order saga on the local cloud, both styles side by side: the time from `POST /orders` to the
 * read model showing CONFIRMED (the whole asynchronous path), then what one order does in each style
 * (bench/order-footprint.ts), priced per million orders (bench/cost-model.ts) for orchestration on a
 * Standard workflow, on an Express one, and choreography.
 */
export interface SagaBench {
  readonly orders: number;
  readonly concurrency: number;
  /** Orchestrated orders (the default style). */
  readonly placedToConfirmed: Summary;
  /** The same orders by choreography, on the same local cloud right after. */
  readonly choreography: { readonly placedToConfirmed: Summary };
  /** The orchestrated executions alone, start to end, from their histories. */
  readonly executionMs: Summary;
  /** What one order does, by style. */
  readonly perOrder: Readonly<Record<SagaStyle, StyleFootprint>>;
  /** USD per million orders, by configuration. */
  readonly cost: Readonly<Record<CostedConfiguration, CostEstimate>>;
}

export type CostedConfiguration =
  | 'orchestration-standard'
  | 'orchestration-express'
  | 'choreography'
  /** A what-if, not a stage we deploy: Express with HTTP APIs and logs at WARN (cost-model.ts). */
  | 'orchestration-express-lean';

const WARM_UP_ORDERS = 8;
/** Orders counted one at a time per style, on a traced local cloud of their own. */
const COUNTED_ORDERS = 10;
/**
 * Express does not refuse a second execution of the same name, so an idempotent start keeps a Powertools
 * idempotency record per order in the starter: a PutItem (in progress) and an UpdateItem (completed), each
 * under 1 KB.
 */
const IDEMPOTENT_START_WRITES = 2;

export async function measureSaga(
  assemblyDir: string,
  options: { orders: number; concurrency: number },
): Promise<SagaBench> {
  // One cloud at a time: the latencies on an untraced one, then each style's counts on a traced one.
  const timed = await measureLatencies(assemblyDir, options);
  const perOrder = {
    orchestration: await measureFootprint(assemblyDir, 'orchestration', COUNTED_ORDERS),
    choreography: await measureFootprint(assemblyDir, 'choreography', COUNTED_ORDERS),
  };
  const executions = perOrder.orchestration.executions;
  if (executions === undefined) throw new Error('The orchestrated orders left no executions to measure.');
  const orchestrated = perOrder.orchestration.footprint;
  const express = {
    type: 'express',
    executionMs: executions.medianMs,
    logBytes: executions.logBytes,
    idempotentStartWrites: IDEMPOTENT_START_WRITES,
  } as const;
  return {
    ...timed,
    perOrder,
    cost: {
      'orchestration-standard': costPerMillionOrders(orchestrated, {
        type: 'standard',
        logBytes: executions.logBytes,
      }),
      'orchestration-express': costPerMillionOrders(orchestrated, express),
      choreography: costPerMillionOrders(perOrder.choreography.footprint, { type: 'none' }),
      'orchestration-express-lean': costPerMillionOrders(orchestrated, express, {
        httpApis: true,
        logsAtWarn: true,
      }),
    },
  };
}

async function measureLatencies(
  assemblyDir: string,
  options: { orders: number; concurrency: number },
): Promise<Omit<SagaBench, 'perOrder' | 'cost'>> {
  const cloud = await LocalCloud.start({ assemblyDir, apiBasePort: 0, endpointPort: 0 });
  const sfn = new SFNClient({
    endpoint: cloud.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  try {
    const api = requireOutput(cloud.outputs, 'PublicApiUrl');
    // One access token of the local test client for the whole run (it is good for an hour).
    const token = await testClientTokens(cloud.outputs).get();
    const send = sender(token);
    const sku = `BENCH-${randomUUID().slice(0, 8)}`;
    await send(`${api}inventory/${sku}`, 'PUT', { available: 1_000_000, unitPrice: 3 });
    const order = {
      ...SAMPLE_ORDER,
      customerId: await createCustomer(api, token),
      items: [{ sku, quantity: 1 }],
    };

    // Warm-up: the first orders start every function's process (cold starts on this machine, not the
    // saga); they run the same path but are left out of the figures and the execution histories.
    for (let n = 0; n < WARM_UP_ORDERS; n++) await placeAndWait(send, api, order);
    const warmedUp = new Date();

    const latencies = await placeConcurrently(send, api, order, options);

    const { stateMachines } = await sfn.send(new ListStateMachinesCommand({}));
    const machine = stateMachines?.find((m) => m.name?.endsWith('place-order-saga'));
    if (!machine?.stateMachineArn) throw new Error('No place-order saga state machine.');
    const { executions } = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: machine.stateMachineArn }),
    );
    const measured = (executions ?? []).filter((e) => (e.startDate?.getTime() ?? 0) >= warmedUp.getTime());
    const histories = await Promise.all(
      measured.map((e) =>
        sfn.send(new GetExecutionHistoryCommand({ executionArn: e.executionArn, maxResults: 1000 })),
      ),
    );
    const executionMs = summarize(
      histories.map((h) => {
        const times = (h.events ?? []).map((e) => e.timestamp?.getTime() ?? 0);
        return Math.max(...times) - Math.min(...times);
      }),
    );
    // The same by choreography: its consumers start cold too, so their warm-up is left out as well.
    const choreographed = { ...order, sagaStyle: 'choreography' as const };
    for (let n = 0; n < WARM_UP_ORDERS; n++) await placeAndWait(send, api, choreographed);
    const choreographyLatencies = await placeConcurrently(send, api, choreographed, options);
    return {
      ...options,
      placedToConfirmed: summarize(latencies),
      choreography: { placedToConfirmed: summarize(choreographyLatencies) },
      executionMs,
    };
  } finally {
    sfn.destroy();
    await cloud.stop();
  }
}

type Order = typeof SAMPLE_ORDER & { readonly sagaStyle?: SagaStyle };

/** `orders` orders, `concurrency` at a time, each timed from POST to CONFIRMED in the read model. */
async function placeConcurrently(
  send: Send,
  api: string,
  order: Order,
  options: { orders: number; concurrency: number },
): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (next < options.orders) {
        next++;
        latencies.push(await placeAndWait(send, api, order));
      }
    }),
  );
  return latencies;
}

type Send = ReturnType<typeof sender>;

async function placeAndWait(send: Send, api: string, order: Order): Promise<number> {
  const started = performance.now();
  const placed = (await send(`${api}orders`, 'POST', order, { 'Idempotency-Key': randomUUID() })) as {
    orderId: string;
  };
  for (;;) {
    const view = (await send(`${api}orders/${placed.orderId}`, 'GET')) as { status: string };
    if (view.status === 'CONFIRMED') return performance.now() - started;
    if (view.status !== 'PENDING') throw new Error(`Order ${placed.orderId} ended ${view.status}.`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** JSON requests to the public API with an access token; anything but a 2xx throws with the answer. */
function sender(token: string) {
  return async (url: string, method: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(url, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (response.status >= 300)
      throw new Error(`${method} ${url}: HTTP ${response.status} ${await response.text()}`);
    return response.json() as Promise<unknown>;
  };
}
