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
import { testClientTokens } from '../test/helpers/access-tokens';
import { createCustomer } from '../test/helpers/customer-client';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../test/helpers/dynamodb-local';
import { countPerOrder, type SagaCounts } from './saga-counts';
import { type Summary, summarize } from './stats';

/**
 * The place-order saga on the local cloud, both styles side by side. For the orchestrated one: time from `POST /orders` to the read model showing CONFIRMED
 * (the whole asynchronous path: append, stream, publisher, bus, rule, starter, Step Functions, four steps,
 * append, stream, projector), and from the executions' histories the state transitions and Lambda
 * invocations each order costs, which feed a cost model per million orders.
 */
export interface SagaBench {
  readonly orders: number;
  readonly concurrency: number;
  /** Orchestrated orders (the default style). */
  readonly placedToConfirmed: Summary;
  /** The same orders by choreography, on the same local cloud right after. */
  readonly choreography: { readonly placedToConfirmed: Summary };
  /** What one order does, by style (bench/saga-counts.ts). */
  readonly perOrder: Readonly<Record<SagaStyle, SagaCounts>>;
  readonly executionMs: Summary;
  readonly stateTransitionsPerOrder: number;
  readonly lambdaInvocationsPerOrder: number;
  readonly cost: CostModel;
}

export interface CostModel {
  readonly assumptions: readonly string[];
  /** USD per million confirmed orders: the workflow itself, and the saga's Lambda invocations. */
  readonly standardWorkflow: number;
  readonly expressWorkflow: number;
  readonly sagaLambdas: number;
}

const WARM_UP_ORDERS = 8;
/** Orders counted one at a time per style, on a traced local cloud of their own. */
const COUNTED_ORDERS = 10;

/** List prices, us-east-1, as published when this was written: the assumptions printed with the model. */
const PRICES = {
  standardPerTransition: 0.025 / 1_000,
  expressPerRequest: 1 / 1_000_000,
  expressPerGbSecond: 0.00001667,
  expressBilledGb: 64 / 1024,
  lambdaPerRequest: 0.2 / 1_000_000,
  lambdaArmPerGbSecond: 0.0000133334,
  lambdaGb: 512 / 1024,
  /** Per task invocation: the functions' own median on AWS would replace this measured-locally guess. */
  lambdaMsPerInvocation: 100,
};

export async function measureSaga(
  assemblyDir: string,
  options: { orders: number; concurrency: number },
): Promise<SagaBench> {
  // One cloud at a time: the latencies on an untraced one, then each style's counts on a traced one.
  const timed = await measureLatencies(assemblyDir, options);
  return {
    ...timed,
    perOrder: {
      orchestration: await countPerOrder(assemblyDir, 'orchestration', COUNTED_ORDERS),
      choreography: await countPerOrder(assemblyDir, 'choreography', COUNTED_ORDERS),
    },
  };
}

async function measureLatencies(
  assemblyDir: string,
  options: { orders: number; concurrency: number },
): Promise<Omit<SagaBench, 'perOrder'>> {
  const cloud = await LocalCloud.start({ assemblyDir, apiBasePort: 0, endpointPort: 0 });
  const sfn = new SFNClient({
    endpoint: cloud.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  try {
    const api = Object.values(cloud.outputs).find((o) => o.PublicApiUrl)?.PublicApiUrl;
    if (api === undefined) throw new Error('The local cloud has no PublicApiUrl output.');
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
    const per = (predicate: (type: string) => boolean) =>
      histories.reduce(
        (sum, h) => sum + (h.events ?? []).filter((e) => predicate(String(e.type))).length,
        0,
      ) / histories.length;
    const stateTransitionsPerOrder = per((type) => type.endsWith('StateEntered'));
    // The tasks, plus the starter the OrderPlaced rule invokes once per order.
    const lambdaInvocationsPerOrder =
      per((type) => type === 'LambdaFunctionScheduled' || type === 'TaskScheduled') + 1;
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
      stateTransitionsPerOrder,
      lambdaInvocationsPerOrder,
      cost: costModel(stateTransitionsPerOrder, lambdaInvocationsPerOrder, executionMs.medianMs),
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

function costModel(transitions: number, invocations: number, executionMs: number): CostModel {
  const million = 1_000_000;
  const standardWorkflow = million * transitions * PRICES.standardPerTransition;
  const expressWorkflow =
    million *
    (PRICES.expressPerRequest + (executionMs / 1000) * PRICES.expressBilledGb * PRICES.expressPerGbSecond);
  const sagaLambdas =
    million *
    invocations *
    (PRICES.lambdaPerRequest +
      (PRICES.lambdaMsPerInvocation / 1000) * PRICES.lambdaGb * PRICES.lambdaArmPerGbSecond);
  const round = (usd: number) => Math.round(usd * 100) / 100;
  return {
    assumptions: [
      'us-east-1 list prices: Standard $0.025 per 1,000 state transitions; Express $1.00 per million requests + $0.00001667 per GB-second (64 MB billed);',
      'Lambda arm64 $0.20 per million requests + $0.0000133334 per GB-second, 512 MB, 100 ms per invocation;',
      'the happy path only (a rejection adds compensation transitions); the execution duration measured on the local cloud stands in for AWS;',
      'Express is not a drop-in: at-least-once, 5-minute limit, no execution-name de-duplication (the starter relies on it).',
    ],
    standardWorkflow: round(standardWorkflow),
    expressWorkflow: round(expressWorkflow),
    sagaLambdas: round(sagaLambdas),
  };
}
