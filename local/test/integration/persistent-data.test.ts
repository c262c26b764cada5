import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SAMPLE_ORDER } from '../../../test/fixtures/orders';
import { createCustomer } from '../../../test/helpers/customer-client';
import { synthShop } from '../../../test/helpers/synth';
import { LocalCloud } from '../../cloud/local-cloud';

/** With a data directory, what the app stored survives a restart of the local cloud. */
let workDir: string;
beforeAll(() => {
  workDir = mkdtempSync(path.join(tmpdir(), 'local-cloud-data-'));
  synthShop('local', { bundle: true, outdir: path.join(workDir, 'cdk.out') }).app.synth();
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const apiOf = (cloud: LocalCloud) => {
  const url = Object.values(cloud.outputs).find((outputs) => outputs.PublicApiUrl)?.PublicApiUrl;
  if (url === undefined) throw new Error('no PublicApiUrl');
  return url;
};

it('keeps a customer and its order across a restart when started with a data directory', async () => {
  const options = {
    assemblyDir: path.join(workDir, 'cdk.out'),
    dataDir: path.join(workDir, 'data'),
    apiBasePort: 0,
    endpointPort: 0,
  };
  const first = await LocalCloud.start(options);
  let orderId: string;
  let order: typeof SAMPLE_ORDER;
  try {
    order = { ...SAMPLE_ORDER, customerId: await createCustomer(apiOf(first)) };
    const placed = await fetch(`${apiOf(first)}orders`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'persist-1' },
      body: JSON.stringify(order),
    });
    expect(placed.status).toBe(202);
    orderId = ((await placed.json()) as { orderId: string }).orderId;
  } finally {
    await first.stop();
  }

  const second = await LocalCloud.start(options);
  try {
    expect((await fetch(`${apiOf(second)}customers/${order.customerId}`)).status).toBe(200);
    const read = await fetch(`${apiOf(second)}orders/${orderId}`);
    expect(read.status).toBe(200);
    const view = (await read.json()) as { orderId: string; status: string };
    expect(view.orderId).toBe(orderId);
    // Its SKUs are not stocked: the saga rejects it, in the first run or (republished) in this one.
    expect(['PENDING', 'REJECTED']).toContain(view.status);
    // The idempotency record survived too: the retry is answered, not placed again.
    const retry = await fetch(`${apiOf(second)}orders`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'persist-1' },
      body: JSON.stringify(order),
    });
    expect(((await retry.json()) as { orderId: string }).orderId).toBe(orderId);
  } finally {
    await second.stop();
  }
});
