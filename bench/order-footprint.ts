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
import { type Footprint, FootprintCounter } from './trace-footprint';

/**
 * What one order does, by saga style, counted from the local cloud's own trace (bench/trace-footprint.ts):
 * `POST /orders`, everything it sets going until the cloud is quiet, then one `GET /orders/{id}` of the
 * final status, as a client reads its result once (a client that polls pays for each read). Orders run one at a time on a traced cloud of their
 * own, so everything traced in an order's window is that order's. A window in which something not per
 * order ran (the sweeper's schedule) is thrown away and the order placed again.
 */
export interface StyleFootprint {
  readonly orders: number;
  readonly footprint: Footprint;
  /** Orchestration only: one execution's median duration and the bytes its history logs (level ALL). */
  readonly executions?: { readonly medianMs: number; readonly logBytes: number };
}

/** The payment provider stands for a third party: its function, table and API are its bill, not ours. */
const EXTERNAL = /PaymentProvider|payment-provider/;
/** Scheduled, not per order: a window that shows it is counted again. */
const NOT_PER_ORDER = /SettleStuckOrders/;
/** No trace line for this long: the order's last projection and publication are done. */
const QUIET_MS = 750;
const ORDER_TIMEOUT_MS = 30_000;

export async function measureFootprint(
  assemblyDir: string,
  style: SagaStyle,
  orders: number,
): Promise<StyleFootprint> {
  let window: string[] | undefined;
  let lastLineAt = Date.now();
  const trace = (line: string) => {
    lastLineAt = Date.now();
    window?.push(line);
  };
  const cloud = await LocalCloud.start({ assemblyDir, apiBasePort: 0, endpointPort: 0, trace });
  try {
    const memory = new Map(cloud.functions.map((fn) => [fn.name, fn.memorySizeMb]));
    const counter = new FootprintCounter(
      (name) => {
        const mb = memory.get(name);
        if (mb === undefined) throw new Error(`The trace names a function the cloud does not run: ${name}`);
        return mb;
      },
      { isExternal: (name) => EXTERNAL.test(name), logLevel: 'INFO' },
    );
    const client = await shopClient(cloud);
    const order = await client.orderFor(style);
    const quiet = () => waitForQuiet(() => lastLineAt);
    // One order first, uncounted: the very first one also starts processes and reads secrets.
    await client.placeAndRead(order, quiet);
    await quiet();
    const countedSince = new Date();
    let counted = 0;
    while (counted < orders) {
      window = [];
      await client.placeAndRead(order, quiet);
      await quiet();
      const lines = window;
      window = undefined;
      if (lines.some((line) => NOT_PER_ORDER.test(line))) continue;
      for (const line of lines) counter.add(line);
      if (process.env.FP_DUMP)
        require('node:fs').appendFileSync(process.env.FP_DUMP, `${lines.join('\n')}\n=====\n`);
      counted++;
    }
    return {
      orders,
      footprint: counter.perOrder(orders),
      ...(style === 'orchestration' ? { executions: await executionsSince(cloud, countedSince) } : {}),
    };
  } finally {
    await cloud.stop();
  }
}

/** The public API with the local test client's token: a customer and a product of its own. */
async function shopClient(cloud: LocalCloud) {
  const api = requireOutput(cloud.outputs, 'PublicApiUrl');
  const token = await testClientTokens(cloud.outputs).get();
  const request = async (path: string, method: string, body?: unknown) => {
    const response = await fetch(`${api}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': randomUUID(),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (response.status >= 300) throw new Error(`${method} ${path}: HTTP ${response.status}`);
    return (await response.json()) as Record<string, unknown>;
  };
  return {
    async orderFor(style: SagaStyle) {
      const sku = `COUNT-${randomUUID().slice(0, 8)}`;
      await request(`inventory/${sku}`, 'PUT', { available: 1_000, unitPrice: 3 });
      const customerId = await createCustomer(api, token);
      return { ...SAMPLE_ORDER, customerId, items: [{ sku, quantity: 1 }], sagaStyle: style };
    },
    /**
     * Places the order, waits for the cloud to go quiet (polling would be counted: the trace says when
     * the order is done), then reads how it ended, once: CONFIRMED.
     */
    async placeAndRead(order: object, quiet: () => Promise<void>) {
      const { orderId } = (await request('orders', 'POST', order)) as { orderId: string };
      await quiet();
      const view = await request(`orders/${orderId}`, 'GET');
      if (view.status !== 'CONFIRMED') throw new Error(`Order ${orderId} is ${String(view.status)}.`);
    },
  };
}

async function waitForQuiet(lastLineAt: () => number): Promise<void> {
  const deadline = Date.now() + ORDER_TIMEOUT_MS;
  while (Date.now() - lastLineAt() < QUIET_MS) {
    if (Date.now() > deadline) throw new Error(`The local cloud did not go quiet for ${QUIET_MS} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The saga's executions since `since`: median duration, and the bytes of their histories per execution. */
async function executionsSince(cloud: LocalCloud, since: Date) {
  const sfn = new SFNClient({
    endpoint: cloud.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  try {
    const { stateMachines } = await sfn.send(new ListStateMachinesCommand({}));
    const machine = stateMachines?.find((m) => m.name?.endsWith('place-order-saga'));
    if (!machine?.stateMachineArn) throw new Error('No place-order saga state machine.');
    const { executions = [] } = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: machine.stateMachineArn }),
    );
    const counted = executions.filter((e) => (e.startDate?.getTime() ?? 0) >= since.getTime());
    const histories = await Promise.all(
      counted.map((e) =>
        sfn.send(new GetExecutionHistoryCommand({ executionArn: e.executionArn, maxResults: 1000 })),
      ),
    );
    const durations = histories
      .map(({ events = [] }) => {
        const times = events.map((event) => event.timestamp?.getTime() ?? 0);
        return Math.max(...times) - Math.min(...times);
      })
      .sort((a, b) => a - b);
    // One log record per history event, as Step Functions writes them at level ALL with execution data.
    const bytes = histories.reduce(
      (sum, { events = [] }) =>
        sum + events.reduce((n, event) => n + Buffer.byteLength(JSON.stringify(event)) + 1, 0),
      0,
    );
    return {
      medianMs: durations[Math.floor(durations.length / 2)] ?? 0,
      logBytes: bytes / Math.max(1, histories.length),
    };
  } finally {
    sfn.destroy();
  }
}
