import { ApiBuilder, Servers } from '../../helpers/apigateway-fixtures';
import { CACHED_STAGE, cachedBy, startCachedApi } from '../../helpers/stage-cache-fixtures';

/**
 * The stage cache of the local API Gateway on hand-written templates: a hit answers as the function once
 * did without invoking it, entries are keyed by the method's cache key parameters only and live for the
 * TTL on the server's clock, and only what AWS caches is cached.
 */
const servers = new Servers();
afterEach(() => servers.closeAll());

const BY_SKU = ['method.request.path.sku'];

function productsApi(stage: Record<string, unknown> = CACHED_STAGE, parameters: readonly string[] = BY_SKU) {
  return new ApiBuilder()
    .method('/products/{sku}', 'GET', cachedBy('get-product', parameters))
    .method('/products/{sku}', 'POST', cachedBy('put-product', parameters))
    .stage('v1', stage)
    .build();
}

describe('a cached GET', () => {
  it('is answered from the cache without invoking the function: same status, headers and body', async () => {
    const { call, lambda, outcomes } = await startCachedApi(servers, productsApi());
    const first = await call('/products/a', {
      headers: { 'X-Amzn-Trace-Id': 'Root=1-5759e988-bd862e3fe1be46a994272793' },
    });
    const second = await call('/products/a');
    expect(lambda.calls).toHaveLength(1);
    expect(second.status).toBe(200);
    expect(second.body).toBe('{"sku":"a","call":1}');
    expect(second.body).toBe(first.body);
    expect(second.headers.get('x-sku')).toBe('a');
    expect(second.headers.get('content-type')).toBe('application/json');
    // The request's own ids and trace header, not the stored request's.
    expect(second.headers.get('x-amzn-requestid')).not.toBe(first.headers.get('x-amzn-requestid'));
    expect(first.headers.get('x-amzn-trace-id')).toContain('Root=1-5759e988-bd862e3fe1be46a994272793');
    expect(second.headers.get('x-amzn-trace-id')).not.toContain('5759e988');
    expect(outcomes).toEqual(['miss', 'hit']);
  });

  it('misses for another value of a key parameter and hits whatever an unlisted query or header says', async () => {
    const { call, lambda } = await startCachedApi(servers, productsApi());
    await call('/products/a');
    expect((await call('/products/b')).body).toBe('{"sku":"b","call":2}');
    expect((await call('/products/a?currency=EUR', { headers: { 'Accept-Language': 'fr' } })).body).toBe(
      '{"sku":"a","call":1}',
    );
    expect(lambda.calls).toHaveLength(2);
  });

  it('keys by query and header parameters when the method lists them', async () => {
    const api = productsApi(CACHED_STAGE, [
      'method.request.path.sku',
      'method.request.querystring.currency',
      'method.request.header.Accept-Language',
    ]);
    const { call, lambda } = await startCachedApi(servers, api);
    await call('/products/a?currency=EUR', { headers: { 'Accept-Language': 'fr' } });
    await call('/products/a?currency=USD', { headers: { 'Accept-Language': 'fr' } });
    await call('/products/a?currency=EUR', { headers: { 'Accept-Language': 'de' } });
    await call('/products/a', { headers: { 'Accept-Language': 'fr' } });
    expect(lambda.calls).toHaveLength(4);
    // Header names are case-insensitive; the last value of a query parameter counts, as in AWS.
    await call('/products/a?currency=USD&currency=EUR', { headers: { 'accept-language': 'fr' } });
    expect(lambda.calls).toHaveLength(4);
  });

  it('shares one entry between path parameter values the key leaves out, as in AWS', async () => {
    const { call, lambda } = await startCachedApi(servers, productsApi(CACHED_STAGE, []));
    await call('/products/a');
    expect((await call('/products/b')).body).toBe('{"sku":"a","call":1}');
    expect(lambda.calls).toHaveLength(1);
  });

  it("never gives one caller's answer to another when the key holds their Authorization header", async () => {
    const api = productsApi(CACHED_STAGE, ['method.request.path.sku', 'method.request.header.Authorization']);
    const { call } = await startCachedApi(servers, api, {
      handler: (event, n) => ({ statusCode: 200, body: `${event.headers?.Authorization} ${n}` }),
    });
    const as = (user: string) => call('/products/a', { headers: { Authorization: `Bearer ${user}` } });
    expect((await as('alice')).body).toBe('Bearer alice 1');
    expect((await as('bob')).body).toBe('Bearer bob 2');
    expect((await as('alice')).body).toBe('Bearer alice 1');
    expect((await call('/products/a')).body).toBe('undefined 3');
  });

  it('expires on the server clock after the TTL', async () => {
    const { call, clock, lambda } = await startCachedApi(servers, productsApi());
    await call('/products/a');
    clock.advance(59_999);
    expect((await call('/products/a')).body).toBe('{"sku":"a","call":1}');
    clock.advance(1);
    expect((await call('/products/a')).body).toBe('{"sku":"a","call":2}');
    expect(lambda.calls).toHaveLength(2);
  });

  it.each([
    [
      'a TTL of 0',
      { ...CACHED_STAGE, MethodSettings: [{ ...CACHED_STAGE.MethodSettings[0], CacheTtlInSeconds: 0 }] },
    ],
    ['no cache cluster', { MethodSettings: CACHED_STAGE.MethodSettings }],
    ['caching not enabled', { CacheClusterEnabled: true }],
    [
      'caching turned off for the method',
      {
        ...CACHED_STAGE,
        MethodSettings: [
          ...CACHED_STAGE.MethodSettings,
          { HttpMethod: 'GET', ResourcePath: '/~1products~1{sku}', CachingEnabled: false },
        ],
      },
    ],
  ])('is never cached with %s', async (_, stage) => {
    const { call, lambda, outcomes } = await startCachedApi(servers, productsApi(stage));
    await call('/products/a');
    await call('/products/a');
    expect(lambda.calls).toHaveLength(2);
    expect(outcomes).toEqual([undefined, undefined]);
  });
});

describe('what is cached', () => {
  it('is GET only under a setting for every method; another method needs a setting naming it', async () => {
    const post = (call: (p: string, i: RequestInit) => Promise<unknown>) =>
      call('/products/a', { method: 'POST', body: '{}' });
    const stageWide = await startCachedApi(servers, productsApi());
    await post(stageWide.call);
    await post(stageWide.call);
    expect(stageWide.lambda.calls).toHaveLength(2);

    const named = await startCachedApi(
      servers,
      productsApi({
        ...CACHED_STAGE,
        MethodSettings: [{ HttpMethod: 'POST', ResourcePath: '/~1products~1{sku}', CachingEnabled: true }],
      }),
    );
    await post(named.call);
    await post(named.call);
    expect(named.lambda.calls).toHaveLength(1);
  });

  it("is whatever the function answers, whatever its status: a 404 or a function's 500 stays for the TTL", async () => {
    const { call, lambda } = await startCachedApi(servers, productsApi(), {
      handler: (event, n) => ({ statusCode: event.pathParameters?.sku === 'gone' ? 404 : 500, body: `${n}` }),
    });
    expect(await call('/products/gone')).toMatchObject({ status: 404, body: '1' });
    expect(await call('/products/gone')).toMatchObject({ status: 404, body: '1' });
    expect(await call('/products/broken')).toMatchObject({ status: 500, body: '2' });
    expect(await call('/products/broken')).toMatchObject({ status: 500, body: '2' });
    expect(lambda.calls).toHaveLength(2);
  });

  it("is never API Gateway's own failure: a crashed function's 502 or a timeout's 504", async () => {
    let crash = true;
    const { call, lambda } = await startCachedApi(servers, productsApi(), {
      handler: async (_, n) => {
        if (n === 2) await new Promise((resolve) => setTimeout(resolve, 200));
        if (crash) throw new Error('boom');
        return { statusCode: 200, body: `${n}` };
      },
      integrationTimeoutMs: 50,
    });
    expect((await call('/products/a')).status).toBe(502);
    crash = false;
    expect((await call('/products/a')).status).toBe(504);
    expect(await call('/products/a')).toMatchObject({ status: 200, body: '3' });
    expect(await call('/products/a')).toMatchObject({ status: 200, body: '3' });
    expect(lambda.calls).toHaveLength(3);
  });

  it('is never a response over 1 MB', async () => {
    const { call, lambda } = await startCachedApi(servers, productsApi(), {
      handler: (event) => ({
        statusCode: 200,
        body: 'x'.repeat(event.pathParameters?.sku === 'big' ? 1_048_577 : 1_048_576),
      }),
    });
    await call('/products/big');
    await call('/products/big');
    expect(lambda.calls).toHaveLength(2);
    await call('/products/limit');
    await call('/products/limit');
    expect(lambda.calls).toHaveLength(3);
  });

  it('is shared by the methods of one CacheNamespace', async () => {
    const shared = (fn: string) => {
      const props = cachedBy(fn, []);
      return { ...props, Integration: { ...(props.Integration as object), CacheNamespace: 'catalogue' } };
    };
    const api = new ApiBuilder()
      .method('/products', 'GET', shared('list'))
      .method('/catalogue', 'GET', shared('list'))
      .stage('v1', CACHED_STAGE)
      .build();
    const { call, lambda } = await startCachedApi(servers, api);
    await call('/products');
    await call('/catalogue');
    expect(lambda.calls).toHaveLength(1);
  });
});

describe('the steps before the cache', () => {
  it('still run on a hit: an API key is required and a usage plan meters it', async () => {
    const api = new ApiBuilder()
      .method('/products/{sku}', 'GET', { ...cachedBy('get-product', BY_SKU), ApiKeyRequired: true })
      .stage('v1', CACHED_STAGE)
      .keyInUsagePlan(
        { id: 'key-1', value: 'key-value-0123456789abcdef' },
        { ApiStages: [{ ApiId: 'api0001', Stage: 'v1' }], Quota: { Limit: 2, Period: 'DAY' } },
      )
      .build();
    const { call, lambda } = await startCachedApi(servers, api);
    const withKey = { headers: { 'x-api-key': 'key-value-0123456789abcdef' } };
    expect((await call('/products/a', withKey)).status).toBe(200);
    expect((await call('/products/a')).status).toBe(403);
    expect((await call('/products/a', withKey)).status).toBe(200);
    expect((await call('/products/a', withKey)).status).toBe(429);
    expect(lambda.calls).toHaveLength(1);
  });
});
