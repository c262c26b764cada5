import { methodCachingFor } from '../../../apigateway/method-caching';
import { TemplateResolutionError } from '../../../template/resolution-error';
import { ApiBuilder, functionArn, invocationUri, resolved } from '../../helpers/apigateway-fixtures';
import { CACHED_STAGE, cachedBy } from '../../helpers/stage-cache-fixtures';

/**
 * How a stage's cache settings and a method's cache key are read from the template: each field from the
 * most specific method setting, API Gateway's defaults for the rest, and what AWS refuses stops the start.
 */
const products = (stage: Record<string, unknown>) =>
  new ApiBuilder()
    .method('/products/{sku}', 'GET', cachedBy('get', ['method.request.path.sku']))
    .stage('v1', stage);

describe('method caching', () => {
  it("has API Gateway's defaults: 300 s, authorization required, an unauthorized invalidation ignored with a warning", () => {
    const defaults = products({
      CacheClusterEnabled: true,
      MethodSettings: [{ HttpMethod: '*', ResourcePath: '/*', CachingEnabled: true }],
    })
      .build()
      .stages.get('v1');
    expect(defaults && methodCachingFor(defaults, '/products/{sku}', 'GET')).toEqual({
      ttlSeconds: 300,
      requireAuthorizationForCacheControl: true,
      unauthorizedStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
    });
  });

  it('takes each field from the most specific setting that sets it', () => {
    const stage = products({
      CacheClusterEnabled: true,
      MethodSettings: [
        { HttpMethod: 'GET', ResourcePath: '/~1products~1{sku}', CacheTtlInSeconds: 30 },
        { HttpMethod: '*', ResourcePath: '/~1products~1{sku}', RequireAuthorizationForCacheControl: false },
        {
          HttpMethod: '*',
          ResourcePath: '/*',
          CachingEnabled: true,
          CacheTtlInSeconds: 600,
          UnauthorizedCacheControlHeaderStrategy: 'FAIL_WITH_403',
        },
      ],
    })
      .build()
      .stages.get('v1');
    if (!stage) throw new Error('no stage v1');
    expect(methodCachingFor(stage, '/products/{sku}', 'GET')).toEqual({
      ttlSeconds: 30,
      requireAuthorizationForCacheControl: false,
      unauthorizedStrategy: 'FAIL_WITH_403',
    });
    expect(methodCachingFor(stage, '/other', 'GET')?.ttlSeconds).toBe(600);
    expect(methodCachingFor(stage, '/other', 'DELETE')).toBeUndefined();
  });

  it("reads a deployment's StageDescription, whose stage-wide caching fields stand for the /* * setting", () => {
    const builder = new ApiBuilder().method(
      '/products/{sku}',
      'GET',
      cachedBy('get', ['method.request.path.sku']),
    );
    builder.resources.push(
      resolved('Deployment', 'Dep', 'dep-1', {
        RestApiId: 'api0001',
        StageName: 'prod',
        StageDescription: { CacheClusterEnabled: true, CachingEnabled: true, CacheTtlInSeconds: 120 },
      }),
    );
    const stage = builder.build().stages.get('prod');
    expect(stage && methodCachingFor(stage, '/products/{sku}', 'GET')?.ttlSeconds).toBe(120);
  });

  it.each([
    [
      { CacheTtlInSeconds: 3601 },
      'MethodSettings/0/CacheTtlInSeconds: 3601 is not a whole number of seconds from 0 to 3600',
    ],
    [{ CacheTtlInSeconds: -1 }, 'MethodSettings/0/CacheTtlInSeconds: -1 is not'],
    [{ CacheTtlInSeconds: 1.5 }, 'MethodSettings/0/CacheTtlInSeconds: 1.5 is not'],
    [{ CacheTtlInSeconds: 'soon' }, 'MethodSettings/0/CacheTtlInSeconds: "soon" is not a number'],
    [{ CachingEnabled: 'yes' }, 'MethodSettings/0/CachingEnabled: "yes" is not a boolean'],
    [
      { UnauthorizedCacheControlHeaderStrategy: 'IGNORE' },
      'MethodSettings/0/UnauthorizedCacheControlHeaderStrategy: IGNORE is not one of FAIL_WITH_403',
    ],
  ])('refuses %j, as API Gateway does, naming where it is', (setting, message) => {
    const build = () =>
      products({
        CacheClusterEnabled: true,
        MethodSettings: [{ HttpMethod: '*', ResourcePath: '/*', ...setting }],
      }).build();
    expect(build).toThrow(TemplateResolutionError);
    expect(build).toThrow(`Test/Resources/Stagev1/Properties/${message}`);
  });
});

describe('cache key parameters', () => {
  const method = (integration: Record<string, unknown>, requestParameters: Record<string, boolean> = {}) =>
    new ApiBuilder()
      .method('/products/{sku}', 'GET', {
        RequestParameters: requestParameters,
        Integration: { Type: 'AWS_PROXY', Uri: invocationUri(functionArn('get')), ...integration },
      })
      .stage('v1', CACHED_STAGE)
      .build();

  it('are read with the cache namespace onto the method', () => {
    const api = method(
      {
        CacheKeyParameters: ['method.request.path.sku', 'method.request.header.Authorization'],
        CacheNamespace: 'ns',
      },
      { 'method.request.path.sku': true, 'method.request.header.Authorization': false },
    );
    const get = [...api.resources.values()].find((r) => r.path === '/products/{sku}')?.methods.get('GET');
    expect(get).toMatchObject({
      cacheKeyParameters: ['method.request.path.sku', 'method.request.header.Authorization'],
      cacheNamespace: 'ns',
    });
    expect(api.warnings).toEqual([]);
  });

  it("must be declared in the method's RequestParameters, as API Gateway requires", () => {
    expect(() => method({ CacheKeyParameters: ['method.request.path.sku'] })).toThrow(
      'CacheKeyParameters/0: method.request.path.sku is not in the method\'s RequestParameters; API Gateway refuses it ("Invalid cache key parameter specified")',
    );
  });

  it.each([['integration.request.path.sku'], ['method.request.body'], [42]])(
    'must name a method request value, not %j',
    (parameter) => {
      expect(() =>
        method({ CacheKeyParameters: [parameter] }, { 'integration.request.path.sku': true }),
      ).toThrow(/CacheKeyParameters\/0: .* is not a method request parameter/);
    },
  );
});
