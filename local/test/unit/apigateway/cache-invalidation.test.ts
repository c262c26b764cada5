import type { IamCredential } from '../../../apigateway/iam-authorization';
import { IGNORED_CACHE_CONTROL_WARNING } from '../../../apigateway/response-caching';
import { ApiBuilder, Servers } from '../../helpers/apigateway-fixtures';
import { sigV4Fetch } from '../../helpers/sigv4-fetch';
import { CACHED_STAGE, cachedBy, startCachedApi } from '../../helpers/stage-cache-fixtures';

/**
 * Per-key invalidation: `Cache-Control: max-age=0` from a caller allowed `execute-api:InvalidateCache` on
 * the method (a SigV4 signer whose role's policies allow it, or the shared key) replaces the entry with a
 * fresh answer; from anyone else it is handled by the method's UnauthorizedCacheControlHeaderStrategy.
 */
const servers = new Servers();
afterEach(() => servers.closeAll());

const PRODUCTS = 'arn:aws:execute-api:us-east-1:000000000000:api0001/v1/GET/products/*';
const policy = (...statements: Array<{ Effect: string; Action: string; Resource: string }>) => ({
  Version: '2012-10-17',
  Statement: statements,
});
const role = (name: string, ...policies: unknown[]): IamCredential => ({
  accessKeyId: `ASIA${name.toUpperCase().padEnd(16, '0').slice(0, 16)}`,
  secretAccessKey: `${name}-secret`,
  principal: { arn: `arn:aws:sts::000000000000:assumed-role/${name}/${name}`, policies },
});
const EDITOR = role(
  'editor',
  policy({ Effect: 'Allow', Action: 'execute-api:InvalidateCache', Resource: PRODUCTS }),
);
const READER = role('reader', policy({ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' }));
const DENIED = role(
  'denied',
  policy({ Effect: 'Allow', Action: 'execute-api:*', Resource: '*' }),
  policy({ Effect: 'Deny', Action: 'execute-api:InvalidateCache', Resource: PRODUCTS }),
);
const SHARED: IamCredential = { accessKeyId: 'local', secretAccessKey: 'local' };
const STRANGER: IamCredential = { accessKeyId: 'AKIASTRANGER0000000', secretAccessKey: 'x' };

const signedBy = (credentials: IamCredential) => sigV4Fetch({ region: 'us-east-1', credentials });
const REFRESH = { headers: { 'Cache-Control': 'max-age=0' } };

/** Products cached by sku, with `caching` (strategy, authorization) on top of the stage-wide setting. */
async function start(caching: Record<string, unknown> = {}) {
  const stage = { ...CACHED_STAGE, MethodSettings: [{ ...CACHED_STAGE.MethodSettings[0], ...caching }] };
  const api = new ApiBuilder()
    .method('/products/{sku}', 'GET', cachedBy('get-product', ['method.request.path.sku']))
    .stage('v1', stage)
    .build();
  const started = await startCachedApi(servers, api, { iamCredentials: [EDITOR, READER, DENIED, SHARED] });
  expect((await started.call('/products/a')).body).toBe('{"sku":"a","call":1}');
  return started;
}

describe('Cache-Control: max-age=0', () => {
  it.each([
    ['a signer whose role allows execute-api:InvalidateCache', EDITOR],
    ['the shared key, which may call anything', SHARED],
  ])('from %s fetches a fresh answer and caches it', async (_, credentials) => {
    const { call, lambda, outcomes } = await start({
      UnauthorizedCacheControlHeaderStrategy: 'FAIL_WITH_403',
    });
    const refreshed = await call('/products/a', REFRESH, signedBy(credentials));
    expect(refreshed).toMatchObject({ status: 200, body: '{"sku":"a","call":2}' });
    expect(refreshed.headers.get('warning')).toBeNull();
    expect((await call('/products/a')).body).toBe('{"sku":"a","call":2}');
    expect(lambda.calls).toHaveLength(2);
    expect(outcomes).toEqual(['miss', 'refreshed', 'hit']);
    // Only that entry: another sku's is untouched.
    await call('/products/b');
    await call('/products/a', REFRESH, signedBy(credentials));
    expect((await call('/products/b')).body).toBe('{"sku":"b","call":3}');
  });

  it.each([
    ['an anonymous caller', fetch],
    ['a role allowed to invoke but not to invalidate', signedBy(READER)],
    ['a role whose policies deny invalidating', signedBy(DENIED)],
    ['an unknown access key', signedBy(STRANGER)],
  ])('from %s is refused with 403 under FAIL_WITH_403, the entry kept', async (_, send) => {
    const { call, lambda } = await start({ UnauthorizedCacheControlHeaderStrategy: 'FAIL_WITH_403' });
    const refused = await call('/products/a', REFRESH, send);
    expect(refused).toMatchObject({ status: 403, body: '{"message":"Unauthorized"}' });
    expect(refused.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect((await call('/products/a')).body).toBe('{"sku":"a","call":1}');
    expect(lambda.calls).toHaveLength(1);
  });

  it.each([
    [
      'SUCCEED_WITH_RESPONSE_HEADER',
      { UnauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER' },
    ],
    ['no strategy named (the default)', {}],
  ])('from an unauthorized caller is ignored with a Warning header under %s', async (_, caching) => {
    const { call, lambda } = await start(caching);
    const ignored = await call('/products/a', REFRESH, signedBy(READER));
    expect(ignored).toMatchObject({ status: 200, body: '{"sku":"a","call":1}' });
    expect(ignored.headers.get('warning')).toBe(IGNORED_CACHE_CONTROL_WARNING);
    expect((await call('/products/a')).headers.get('warning')).toBeNull();
    expect(lambda.calls).toHaveLength(1);
  });

  it('from an unauthorized caller is ignored silently under SUCCEED_WITHOUT_RESPONSE_HEADER', async () => {
    const { call, lambda } = await start({
      UnauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITHOUT_RESPONSE_HEADER',
    });
    const ignored = await call('/products/a', REFRESH);
    expect(ignored).toMatchObject({ status: 200, body: '{"sku":"a","call":1}' });
    expect(ignored.headers.get('warning')).toBeNull();
    expect(lambda.calls).toHaveLength(1);
  });

  it('from anyone refreshes the entry when RequireAuthorizationForCacheControl is false', async () => {
    const { call, lambda } = await start({
      RequireAuthorizationForCacheControl: false,
      UnauthorizedCacheControlHeaderStrategy: 'FAIL_WITH_403',
    });
    expect((await call('/products/a', { headers: { 'Cache-Control': 'no-cache, MAX-AGE=0' } })).body).toBe(
      '{"sku":"a","call":2}',
    );
    // Other directives are not an invalidation.
    expect((await call('/products/a', { headers: { 'Cache-Control': 'max-age=10' } })).body).toBe(
      '{"sku":"a","call":2}',
    );
    expect(lambda.calls).toHaveLength(2);
  });

  it('changes nothing on a method that is not cached, whatever the strategy', async () => {
    const api = new ApiBuilder()
      .method('/products/{sku}', 'GET', cachedBy('get-product', ['method.request.path.sku']))
      .stage('v1', {
        MethodSettings: [
          { HttpMethod: '*', ResourcePath: '/*', UnauthorizedCacheControlHeaderStrategy: 'FAIL_WITH_403' },
        ],
      })
      .build();
    const { call, lambda } = await startCachedApi(servers, api);
    expect((await call('/products/a', REFRESH)).status).toBe(200);
    expect(lambda.calls).toHaveLength(1);
  });
});
