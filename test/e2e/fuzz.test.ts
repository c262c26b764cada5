import fc from 'fast-check';
import { violations } from './fuzz/invariants';
import { rawRequest } from './fuzz/raw-http';
import { anyCase, type FuzzCase, type FuzzTokens, refusedCase } from './fuzz/requests';
import { countChanges, quietCounts, tableCountsAvailable } from './fuzz/table-counts';
import { accessToken } from './public-api';
import { output } from './target';

/**
 * The permanent fuzz suite (issue 11, item 5): malformed requests for every route of the public API, sent
 * raw as a hostile client would, and the invariants every answer keeps: no 5xx, parseable problem+json
 * whose `status` is the HTTP status, no request text reflected unescaped, and no write for a refused one.
 *
 * `npm test` runs a bounded number of runs with a fixed seed (reproducible); `npm run fuzz` sets FUZZ_RUNS
 * and, unless FUZZ_SEED is set too, a fresh seed. A failure prints fast-check's seed and path: rerun it
 * with `FUZZ_SEED=<seed> FUZZ_PATH=<path>`.
 */
const api = new URL(output('PublicApiUrl'));
const runs = Number(process.env.FUZZ_RUNS ?? 300);
const seed = process.env.FUZZ_SEED
  ? Number(process.env.FUZZ_SEED)
  : process.env.FUZZ_RUNS
    ? Date.now() % 2 ** 31
    : 20261204;
const path = process.env.FUZZ_PATH;
const settings = { seed, ...(path ? { path } : {}), endOnFailure: true };
/** Refused requests per "no write" batch: the tables are counted once per batch, not per request. */
const BATCH = 6;

jest.setTimeout(Math.max(120_000, runs * 1_000));

let tokens: FuzzTokens;
beforeAll(async () => {
  tokens = { all: await accessToken(), narrow: await accessToken(['shop/orders.read']) };
});

async function answer({ request, markers }: FuzzCase): Promise<string[]> {
  const response = await rawRequest(api, request);
  const found = violations(request.method, response, markers);
  return found.length === 0 ? [] : [`${request.method} ${request.target.slice(0, 300)}: ${found.join('; ')}`];
}

/** The checks must be able to fail: each broken answer below is one a regression would produce. */
describe('the fuzz invariants', () => {
  const mark = 'fz<"abc123">';
  const problem = (status: number, extra: Record<string, unknown> = {}) => ({
    status,
    headers: { 'content-type': 'application/problem+json' },
    body: JSON.stringify({ type: 't', title: 'x', status, ...extra }),
  });

  it('accept a sound problem and a JSON-escaped echo', () => {
    expect(violations('GET', problem(404, { instance: `/v1/${mark}` }), [mark])).toEqual([]);
  });

  it.each([
    ['a 500', problem(500)],
    ['broken JSON', { ...problem(404), body: '{"instance":"/v1/no"such"}' }],
    ['a status member that differs', { ...problem(404), body: JSON.stringify({ title: 'x', status: 200 }) }],
    ['no status member', { ...problem(400), body: JSON.stringify({ title: 'x' }) }],
    ['the wrong content type', { ...problem(400), headers: { 'content-type': 'text/plain' } }],
    ['raw reflection in the body', { ...problem(404), body: `{"title":"x","status":404,"d":"${mark}"}` }],
    [
      'reflection in a header',
      { ...problem(404), headers: { ...problem(404).headers, 'x-correlation-id': mark } },
    ],
    ['no answer at all', { status: 0, headers: {}, body: '' }],
  ])('reject %s', (_, response) => {
    expect(violations('GET', response, [mark])).not.toEqual([]);
  });

  // The "no write" check's half: a request that does write (valid stock for a new SKU) moves a count.
  (tableCountsAvailable ? it : it.skip)('see a write in the table counts', async () => {
    const before = await quietCounts();
    const sku = `FUZZ-${Date.now()}`;
    const response = await rawRequest(api, {
      method: 'PUT',
      target: `${api.pathname}inventory/${sku}`,
      headers: [
        ['Authorization', `Bearer ${tokens.all}`],
        ['Content-Type', 'application/json'],
      ],
      body: '{"available":1}',
    });
    expect(response.status).toBe(200);
    expect(countChanges(before, await quietCounts())).toHaveLength(1);
  });
});

describe(`fuzzing the public API (seed ${seed}, ${runs} runs)`, () => {
  it('answers any malformed request below 500 with problem+json and no unescaped request text', async () => {
    await fc.assert(
      fc.asyncProperty(anyCase(api.pathname, tokens), async (fuzzCase) => {
        expect(await answer(fuzzCase)).toEqual([]);
      }),
      { ...settings, numRuns: runs },
    );
  });

  (tableCountsAvailable ? it : it.skip)('writes no item for refused requests', async () => {
    let before = await quietCounts();
    await fc.assert(
      fc.asyncProperty(
        fc.array(refusedCase(api.pathname, tokens), { minLength: BATCH, maxLength: BATCH }),
        async (batch) => {
          const found = (await Promise.all(batch.map(answer))).flat();
          const after = await quietCounts();
          const changes = countChanges(before, after);
          before = after;
          expect({ found, changes }).toEqual({ found: [], changes: [] });
        },
      ),
      { ...settings, numRuns: Math.max(5, Math.ceil(runs / (2 * BATCH))) },
    );
  });
});
