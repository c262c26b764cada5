import { randomUUID } from 'node:crypto';
import { LocalCloud } from '@shop/local-cloud';
import { signedFetch } from '../lambdas/shared/http/signed-fetch';
import { requireOutput, testClientTokens } from '../test/helpers/access-tokens';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../test/helpers/dynamodb-local';
import { type Summary, summarize } from './stats';

/**
 * `GET /products/{sku}` on the local cloud's stage cache: hits (anonymous) against misses forced by a
 * caller allowed to refresh the entry (`Cache-Control: max-age=0`, signed), their latency and how many
 * times the catalogue function ran for each (counted from the trace; both series run traced, so the
 * trace's own cost is on both sides).
 */
export interface ProductCacheBench {
  readonly requests: number;
  readonly cached: { readonly latency: Summary; readonly invocations: number };
  readonly uncached: { readonly latency: Summary; readonly invocations: number };
}

const REQUESTS = 50;

export async function measureProductCache(assemblyDir: string): Promise<ProductCacheBench> {
  let invocations = 0;
  const cloud = await LocalCloud.start({
    assemblyDir,
    apiBasePort: 0,
    endpointPort: 0,
    trace: (line) => {
      if (/^lambda {3}-> .*GetProduct/.test(line)) invocations++;
    },
  });
  try {
    const api = requireOutput(cloud.outputs, 'PublicApiUrl');
    const token = await testClientTokens(cloud.outputs).get();
    const sku = `BENCH-${randomUUID().slice(0, 8)}`;
    const stocked = await fetch(`${api}inventory/${sku}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ available: 10, unitPrice: 3, name: 'Bench mug' }),
    });
    if (stocked.status !== 200) throw new Error(`Stocking ${sku}: ${stocked.status}`);
    const url = `${api}products/${sku}`;
    const signed = signedFetch({ region: LOCAL_REGION, credentials: async () => LOCAL_CREDENTIALS });
    const timed = async (send: () => Promise<Response>) => {
      const started = performance.now();
      const response = await send();
      await response.text();
      if (response.status !== 200) throw new Error(`GET ${url}: ${response.status}`);
      return performance.now() - started;
    };
    const series = async (send: () => Promise<Response>) => {
      for (let n = 0; n < 5; n++) await timed(send); // warm-up: processes started, the entry stored
      const before = invocations;
      const samples: number[] = [];
      for (let n = 0; n < REQUESTS; n++) samples.push(await timed(send));
      return { latency: summarize(samples), invocations: invocations - before };
    };
    const uncached = await series(() =>
      signed(url, { method: 'GET', headers: { 'Cache-Control': 'max-age=0' } }),
    );
    const cached = await series(() => fetch(url));
    return { requests: REQUESTS, cached, uncached };
  } finally {
    await cloud.stop();
  }
}
