import { randomUUID } from 'node:crypto';
import { signedFetch } from '../../lambdas/shared/http/signed-fetch';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../helpers/dynamodb-local';
import { call, expectProblem } from './public-api';
import { E2E_TARGET, output } from './target';

/**
 * The public catalogue, `GET /products/{sku}`: anonymous, and cached at the stage per SKU, black-box. A
 * change of stock behind a cached answer shows that a hit never reaches the function; `Cache-Control:
 * max-age=0` refreshes one SKU only for a caller allowed `execute-api:InvalidateCache` (locally, the shared
 * key a person's CLI signs with); the entry expires after the stage's TTL (30 s on `local`).
 */
const local = E2E_TARGET === 'local';
const api = output('PublicApiUrl');
const json = { 'Content-Type': 'application/json' };
const product = (sku: string, headers: Record<string, string> = {}) =>
  call('GET', `products/${sku}`, { token: null, headers });
const setStock = async (sku: string, available: number) =>
  expect(
    (
      await call('PUT', `inventory/${sku}`, {
        headers: json,
        body: JSON.stringify({ available, unitPrice: 12.5, name: 'Red mug' }),
      })
    ).status,
  ).toBe(200);

describe('GET /products/{sku}, cached at the stage', () => {
  it('answers anyone, with no token, the catalogue view', async () => {
    const sku = `MUG-${randomUUID().slice(0, 8)}`;
    await setStock(sku, 7);
    const answer = await product(sku);
    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({ sku, name: 'Red mug', unitPrice: 12.5, currency: 'EUR', available: 7 });
  });

  it('is a 404 problem for a SKU never stocked, and for one that cannot be a SKU', async () => {
    expectProblem(await product(`NEVER-${randomUUID().slice(0, 8)}`), 404);
    expectProblem(await product('..%2F..%2Fetc'), 404);
  });

  it('serves a hit from the cache: a stock change behind it does not show, nor does an anonymous max-age=0', async () => {
    const sku = `MUG-${randomUUID().slice(0, 8)}`;
    await setStock(sku, 7);
    expect((await product(sku)).json()).toMatchObject({ available: 7 });
    await setStock(sku, 3);
    expect((await product(sku)).json()).toMatchObject({ available: 7 });
    const refused = await product(sku, { 'Cache-Control': 'max-age=0' });
    expect(refused.json()).toMatchObject({ available: 7 });
    // Another SKU is another entry.
    const other = `MUG-${randomUUID().slice(0, 8)}`;
    await setStock(other, 1);
    expect((await product(other)).json()).toMatchObject({ sku: other, available: 1 });
  });

  (local ? it : it.skip)('refreshes one SKU for a caller allowed execute-api:InvalidateCache', async () => {
    const sku = `MUG-${randomUUID().slice(0, 8)}`;
    await setStock(sku, 7);
    expect((await product(sku)).json()).toMatchObject({ available: 7 });
    await setStock(sku, 3);
    const signed = signedFetch({ region: LOCAL_REGION, credentials: async () => LOCAL_CREDENTIALS });
    const refreshed = await signed(new URL(`products/${sku}`, api).toString(), {
      method: 'GET',
      headers: { 'Cache-Control': 'max-age=0' },
    });
    expect(((await refreshed.json()) as { available: number }).available).toBe(3);
    expect((await product(sku)).json()).toMatchObject({ available: 3 });
  });

  (local ? it : it.skip)(
    'lets an entry expire after the stage TTL (30 s here), and then answers what the stock is',
    async () => {
      const sku = `MUG-${randomUUID().slice(0, 8)}`;
      await setStock(sku, 7);
      expect((await product(sku)).json()).toMatchObject({ available: 7 });
      await setStock(sku, 2);
      await new Promise((resolve) => setTimeout(resolve, 31_000));
      expect((await product(sku)).json()).toMatchObject({ available: 2 });
    },
    60_000,
  );
});
