import { Duration } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import { buildRestApis } from '../../../apigateway/build-rest-apis';
import type { RestApiModel } from '../../../apigateway/rest-api-model';
import { Servers } from '../../helpers/apigateway-fixtures';
import { stackWithFunction } from '../../helpers/cdk-stack';
import { startCachedApi } from '../../helpers/stage-cache-fixtures';

/**
 * What CDK synthesizes for a cached method (the stage's deployOptions, a method override under
 * methodOptions, a LambdaIntegration's cacheKeyParameters) is cached locally as the app means it.
 */
const servers = new Servers();
afterEach(() => servers.closeAll());

let api: RestApiModel;

beforeAll(() => {
  const { stack, fn, resolve } = stackWithFunction('CdkCache');
  const restApi = new apigw.RestApi(stack, 'Api', {
    deployOptions: {
      cacheClusterEnabled: true,
      cachingEnabled: true,
      cacheTtl: Duration.minutes(5),
      methodOptions: { '/products/{sku}/GET': { cachingEnabled: true, cacheTtl: Duration.seconds(30) } },
    },
  });
  restApi.root
    .addResource('products')
    .addResource('{sku}')
    .addMethod('GET', new apigw.LambdaIntegration(fn, { cacheKeyParameters: ['method.request.path.sku'] }), {
      requestParameters: { 'method.request.path.sku': true },
    });
  api = buildRestApis(resolve())[0] as RestApiModel;
}, 60_000);

it('reads the cluster, the method override and the key; the cluster size is the only warning', () => {
  expect(api.warnings).toEqual([
    expect.stringContaining('has a 0.5 GB cache cluster; the local cache is unbounded in memory'),
  ]);
});

it('caches GET /products/{sku} by sku for the TTL of the method override', async () => {
  const { url, clock, lambda } = await startCachedApi(servers, api);
  const get = async (sku: string) => (await fetch(`${url}/prod/products/${sku}`)).text();
  expect(await get('a')).toBe('{"sku":"a","call":1}');
  expect(await get('a')).toBe('{"sku":"a","call":1}');
  expect(await get('b')).toBe('{"sku":"b","call":2}');
  clock.advance(30_000);
  expect(await get('a')).toBe('{"sku":"a","call":3}');
  expect(lambda.calls).toHaveLength(3);
});
