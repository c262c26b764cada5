import { randomUUID } from 'node:crypto';
import { call, expectProblem } from './public-api';

/** The stock test hooks of non-production stages, through the public API. */
const json = { 'Content-Type': 'application/json' };

describe('inventory test hooks through the public API', () => {
  it('sets stock and reads it back with nothing reserved', async () => {
    const sku = `E2E-${randomUUID().slice(0, 8)}`;
    const set = await call('PUT', `inventory/${sku}`, {
      headers: json,
      body: JSON.stringify({ available: 12, unitPrice: 3.5 }),
    });
    expect(set.status).toBe(200);
    const read = await call('GET', `inventory/${sku}`);
    expect(read.json()).toEqual({ sku, available: 12, reserved: 0, unitPrice: 3.5 });
  });

  it('answers a SKU never stocked with 404, and a bad body with 400, as problem+json', async () => {
    expectProblem(await call('GET', `inventory/NEVER-${randomUUID().slice(0, 8)}`), 404);
    expectProblem(
      await call('PUT', 'inventory/SKU-1', { headers: json, body: JSON.stringify({ available: -3 }) }),
      400,
    );
    expectProblem(await call('PUT', 'inventory/SKU-1', { headers: json, body: '{"available":' }), 400);
  });
});
