import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ListExecutionsCommand, ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { DEFAULT_LOCAL_CREDENTIALS, LocalCloud } from '@shop/local-cloud';
import { SAMPLE_ORDER } from '../../fixtures/orders';
import { requireOutput, testClientTokens } from '../../helpers/access-tokens';
import { createCustomer } from '../../helpers/customer-client';
import { SHOP_ASSEMBLY_TIMEOUT_MS, shopAssembly } from '../../helpers/shop-assembly';
import { StubProvider } from '../../helpers/stub-provider';

/** The local cloud's region (resolved ARNs and URLs name it). */
const LOCAL_REGION = 'us-east-1';

/** The shop on the local cloud with a data directory: what it stored survives a restart. */
let workDir: string;
let assemblyDir: string;
beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'local-cloud-data-'));
  assemblyDir = await shopAssembly();
}, SHOP_ASSEMBLY_TIMEOUT_MS);
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const apiOf = (cloud: LocalCloud) => requireOutput(cloud.outputs, 'PublicApiUrl');

/** The public API's headers for the local test client (a token of a restarted cloud's pool still works). */
const authorized = async (cloud: LocalCloud, headers: Record<string, string> = {}) => ({
  Authorization: `Bearer ${await testClientTokens(cloud.outputs).get()}`,
  ...headers,
});

/** The shop's assembly on free ports, keeping its data in `workDir/<data>`. */
const startOptions = (data: string) => ({
  assemblyDir,
  dataDir: path.join(workDir, data),
  apiBasePort: 0,
  endpointPort: 0,
});

it('keeps a customer and its order across a restart when started with a data directory', async () => {
  const options = startOptions('data');
  const first = await LocalCloud.start(options);
  let orderId: string;
  let order: typeof SAMPLE_ORDER;
  try {
    // The public API first (`npm start` serves it on the first port); the internal APIs, every method
    // IAM-authorized, after the apps'; the WebSocket API (push) after every REST API.
    expect(first.apis.map((api) => api.name)).toEqual([
      'Shop-Local-public-api',
      'Shop-Local-payment-provider',
      'Shop-Local-web-bff',
      'Shop-Local-mobile-bff',
      'Shop-Local-customers-internal',
      'Shop-Local-orders-internal',
      'Shop-Local-payments-internal',
      'Shop-Local-shipping-internal',
      'Shop-Local-order-updates',
    ]);
    // The internal API refuses an unsigned caller...
    const internal = first.apis.find((api) => api.name === 'Shop-Local-customers-internal')?.stageUrls[0];
    const unsigned = await fetch(`${internal}customers/cus_1`);
    expect(unsigned.status).toBe(403);
    // ...but lets place-order in with its own key: its customer lookup fails loudly otherwise (no 202).
    order = {
      ...SAMPLE_ORDER,
      customerId: await createCustomer(apiOf(first), await testClientTokens(first.outputs).get()),
    };
    const placed = await fetch(`${apiOf(first)}orders`, {
      method: 'POST',
      headers: await authorized(first, {
        'Content-Type': 'application/json',
        'Idempotency-Key': 'persist-1',
      }),
      body: JSON.stringify(order),
    });
    expect(placed.status).toBe(202);
    orderId = ((await placed.json()) as { orderId: string }).orderId;
  } finally {
    await first.stop();
  }

  const second = await LocalCloud.start(options);
  try {
    const headers = await authorized(second);
    expect((await fetch(`${apiOf(second)}customers/${order.customerId}`, { headers })).status).toBe(200);
    const read = await fetch(`${apiOf(second)}orders/${orderId}`, { headers });
    expect(read.status).toBe(200);
    const view = (await read.json()) as { orderId: string; status: string };
    expect(view.orderId).toBe(orderId);
    // Its SKUs are not stocked: the saga rejects it, in the first run or (resumed) in this one.
    expect(['PENDING', 'REJECTED']).toContain(view.status);
    // The idempotency record survived too: the retry is answered, not placed again.
    const retry = await fetch(`${apiOf(second)}orders`, {
      method: 'POST',
      headers: await authorized(second, {
        'Content-Type': 'application/json',
        'Idempotency-Key': 'persist-1',
      }),
      body: JSON.stringify(order),
    });
    expect(((await retry.json()) as { orderId: string }).orderId).toBe(orderId);
  } finally {
    await second.stop();
  }
}, 180_000); // two starts of the whole shop on a shared, busy machine

/** The shop on a running local cloud, as a client and an operator see it: public API, provider, executions. */
async function shopOn(cloud: LocalCloud) {
  const api = apiOf(cloud);
  const provider = await StubProvider.of(cloud.outputs, cloud.endpoint);
  const tokens = testClientTokens(cloud.outputs);
  const authorization = { Authorization: `Bearer ${await tokens.get()}` };
  const get = (path: string) => fetch(`${api}${path}`, { headers: authorization });
  const sfn = new SFNClient({
    endpoint: cloud.endpoint,
    region: LOCAL_REGION,
    credentials: DEFAULT_LOCAL_CREDENTIALS,
  });
  const json = { 'Content-Type': 'application/json', ...authorization };
  const shop = {
    newCustomer: async () => createCustomer(api, await tokens.get()),
    async stock(sku: string, available: number) {
      const set = await fetch(`${api}inventory/${sku}`, {
        method: 'PUT',
        headers: json,
        body: JSON.stringify({ available, unitPrice: 4 }),
      });
      expect(set.status).toBe(200);
    },
    stockOf: async (sku: string) => (await get(`inventory/${sku}`)).json(),
    async order(customerId: string, sku: string): Promise<string> {
      const placed = await fetch(`${api}orders`, {
        method: 'POST',
        headers: { ...json, 'Idempotency-Key': randomUUID() },
        body: JSON.stringify({ ...SAMPLE_ORDER, customerId, items: [{ sku, quantity: 2 }] }),
      });
      expect(placed.status).toBe(202);
      return ((await placed.json()) as { orderId: string }).orderId;
    },
    /** The order once the saga has decided it. */
    settled: (orderId: string) =>
      until(async () => {
        const view = (await (await get(`orders/${orderId}`)).json()) as { status: string };
        return view.status === 'PENDING' ? undefined : view;
      }),
    /** The provider's own record of the order's charge (its id follows from the key payments uses). */
    async chargeOf(orderId: string) {
      const chargeId = `ch_${createHash('sha256').update(`order-${orderId}-charge`).digest('hex').slice(0, 24)}`;
      return provider.charge(chargeId);
    },
    behave: (latencyMs: number) => provider.behave({ latencyMs, failureRate: 0 }),
    /** Every execution of every state machine: name and status. */
    async executions() {
      const { stateMachines = [] } = await sfn.send(new ListStateMachinesCommand({}));
      const lists = await Promise.all(
        stateMachines.map((machine) =>
          sfn.send(new ListExecutionsCommand({ stateMachineArn: machine.stateMachineArn })),
        ),
      );
      return lists.flatMap((list) => list.executions ?? []).map(({ name, status }) => ({ name, status }));
    },
    close: () => sfn.destroy(),
  };
  return shop;
}

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not there after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('resumes after a restart: decided orders are not run again, nothing is charged twice, an in-flight order finishes', async () => {
  const options = startOptions('resume-data');
  const restocked = `RESUME-${randomUUID().slice(0, 8)}`;
  const stocked = `RESUME-${randomUUID().slice(0, 8)}`;
  const first = await LocalCloud.start(options);
  let shop = await shopOn(first);
  let rejected: string;
  let confirmed: string;
  let inFlight: string;
  try {
    const customerId = await shop.newCustomer();
    await shop.stock(restocked, 0);
    await shop.stock(stocked, 10);
    rejected = await shop.order(customerId, restocked);
    expect(await shop.settled(rejected)).toMatchObject({
      status: 'REJECTED',
      rejectionReason: 'OUT_OF_STOCK',
    });
    confirmed = await shop.order(customerId, stocked);
    expect(await shop.settled(confirmed)).toMatchObject({ status: 'CONFIRMED' });
    // Restocked: a saga run again for the rejected order would now reserve and charge.
    await shop.stock(restocked, 10);
    // A slow provider (under payments' 2 s timeout) keeps the next order's saga running when the cloud stops.
    await shop.behave(1000);
    inFlight = await shop.order(customerId, stocked);
    await until(async () =>
      (await shop.executions()).some((e) => e.name === inFlight && e.status === 'RUNNING') ? true : undefined,
    );
  } finally {
    shop.close();
    await first.stop();
  }

  const second = await LocalCloud.start(options);
  shop = await shopOn(second);
  try {
    await shop.behave(0);
    expect(await shop.settled(inFlight)).toMatchObject({ status: 'CONFIRMED' });
    // Everything that runs has ended: a replayed saga would have started before the in-flight order finished.
    const executions = await until(async () => {
      const all = await shop.executions();
      return all.some((e) => e.status === 'RUNNING') ? undefined : all;
    });
    expect(executions.map((e) => e.name).sort()).toEqual([rejected, confirmed, inFlight].sort());
    expect(await shop.settled(rejected)).toMatchObject({
      status: 'REJECTED',
      rejectionReason: 'OUT_OF_STOCK',
    });
    expect(await shop.chargeOf(rejected)).toBeUndefined();
    expect(await shop.chargeOf(confirmed)).toMatchObject({ status: 'captured' });
    expect(await shop.chargeOf(inFlight)).toMatchObject({ status: 'captured' });
    expect(await shop.stockOf(restocked)).toMatchObject({ available: 10, reserved: 0 });
    expect(await shop.stockOf(stocked)).toMatchObject({ available: 6, reserved: 4 });
  } finally {
    shop.close();
    await second.stop();
  }
}, 240_000);
