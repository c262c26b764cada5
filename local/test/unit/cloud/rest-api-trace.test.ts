import type { CloudContext } from '../../../cloud/cloud-context';
import { startRestApis } from '../../../cloud/start-rest-apis';
import { Stoppers } from '../../../cloud/stoppers';
import { RequestsInFlight } from '../../../shared/requests-in-flight';
import { ApiBuilder, echo, fakeLambda } from '../../helpers/apigateway-fixtures';
import { CACHED_STAGE, cachedBy } from '../../helpers/stage-cache-fixtures';

/**
 * The `--trace` timeline of a REST API's requests: an answer from the stage cache says so on its access
 * log line, so a developer sees why no invocation follows it.
 */
const stoppers = new Stoppers();
afterEach(() => stoppers.stopAll());

it('marks a hit "(cache hit)" and an invalidation "(cache entry refreshed)"', async () => {
  const lines: string[] = [];
  const context: CloudContext = {
    resources: new ApiBuilder()
      .method('/products/{sku}', 'GET', cachedBy('get-product', ['method.request.path.sku']))
      .stage('v1', {
        ...CACHED_STAGE,
        MethodSettings: [{ ...CACHED_STAGE.MethodSettings[0], RequireAuthorizationForCacheControl: false }],
      }).resources,
    stoppers,
    warnings: [],
    record: (input) => {
      lines.push(input.line);
      return undefined;
    },
    requests: new RequestsInFlight(),
  };
  const { apis } = await startRestApis(context, fakeLambda(echo), '127.0.0.1', 0, [], {
    verify: () => undefined,
  });
  const url = `${apis[0]?.stageUrls[0]}products/a`;
  const refresh: Record<string, string> = { 'Cache-Control': 'max-age=0' };
  for (const headers of [{}, {}, refresh]) await (await fetch(url, { headers })).text();
  const requests = lines.filter((line) => line.startsWith('api      test-api: '));
  expect(requests).toHaveLength(3);
  expect(requests[0]).toMatch(/"GET \/products\/\{sku\} HTTP\/1\.1" 200 \d+ [0-9a-f-]{36}$/);
  expect(requests[1]).toMatch(/ 200 \d+ [0-9a-f-]{36} \(cache hit\)$/);
  expect(requests[2]).toMatch(/ 200 \d+ [0-9a-f-]{36} \(cache entry refreshed\)$/);
});
