import { Duration } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import { buildRestApis } from '../../../apigateway/build-rest-apis';
import type { RestApiModel } from '../../../apigateway/rest-api-model';
import { echo, fakeLambda, Servers } from '../../helpers/apigateway-fixtures';
import { stackWithFunction } from '../../helpers/cdk-stack';

/**
 * What CDK's RestApi constructs synthesize (CORS preflight MOCK methods, a TOKEN authorizer, a usage plan
 * with an API key) runs on the emulator as CDK users expect.
 */
const servers = new Servers();
afterEach(() => servers.closeAll());

const API_KEY = 'local-test-key-0123456789';
let api: RestApiModel;
let functionArn: string;

beforeAll(() => {
  const built = stackWithFunction('CdkApi');
  const { stack, fn } = built;
  const restApi = new apigw.RestApi(stack, 'Api', {
    defaultCorsPreflightOptions: { allowOrigins: apigw.Cors.ALL_ORIGINS, allowMethods: ['GET', 'POST'] },
  });
  const authorizer = new apigw.TokenAuthorizer(stack, 'Auth', {
    handler: fn,
    resultsCacheTtl: Duration.seconds(30),
  });
  restApi.root
    .addResource('items')
    .addMethod('GET', new apigw.LambdaIntegration(fn), { authorizer, apiKeyRequired: true });
  const plan = restApi.addUsagePlan('Plan', {
    // A token every 10 s: the burst of 2 stays spent for the whole test, however slow the machine.
    throttle: { rateLimit: 0.1, burstLimit: 2 },
    quota: { limit: 100, period: apigw.Period.DAY },
  });
  plan.addApiStage({ stage: restApi.deploymentStage });
  plan.addApiKey(restApi.addApiKey('Key', { value: API_KEY }));
  api = buildRestApis(built.resolve())[0] as RestApiModel;
  functionArn = built.functionArn;
}, 60_000);

it('models CDK output without warnings', () => {
  expect(api.warnings).toEqual([]);
  expect([...api.stages.keys()]).toEqual(['prod']);
  expect(api.usagePlans[0]).toMatchObject({
    throttle: { rateLimit: 0.1, burstLimit: 2 },
    quota: { limit: 100, period: 'DAY', offset: 0 },
    apiKeys: [{ value: API_KEY, enabled: true }],
  });
  expect([...api.authorizers.values()][0]).toMatchObject({
    type: 'TOKEN',
    functionArn,
    identitySources: ['method.request.header.Authorization'],
    resultTtlSeconds: 30,
  });
});

it('answers CORS preflight from the MOCK integration: its status and static headers', async () => {
  const url = await servers.start(api, { lambda: fakeLambda(echo) });
  for (const path of ['/prod/', '/prod/items']) {
    const response = await fetch(`${url}${path}`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://example.com' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(response.headers.get('access-control-allow-headers')).toContain('X-Api-Key');
    expect(await response.text()).toBe('');
  }
});

it('runs the authorizer, then the API key and usage plan, then the integration', async () => {
  const fake = fakeLambda((event, arn) => {
    if ((event as { type?: string }).type === 'TOKEN') {
      return {
        principalId: 'me',
        policyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Action: 'execute-api:Invoke',
              Effect: 'Allow',
              Resource: (event as { methodArn: string }).methodArn,
            },
          ],
        },
      };
    }
    return echo(event, arn);
  });
  const url = await servers.start(api, { lambda: fake });
  const get = (headers: Record<string, string>) => fetch(`${url}/prod/items`, { headers });
  expect((await get({ 'x-api-key': API_KEY })).status).toBe(401);
  expect((await get({ Authorization: 'token' })).status).toBe(403);
  const ok = await get({ Authorization: 'token', 'x-api-key': API_KEY });
  expect(ok.status).toBe(200);
  // The authorizer ran once (its result is cached for 30 s), the integration once.
  expect(fake.calls.map((call) => call.arn)).toEqual([functionArn, functionArn]);
  expect(fake.calls.map((call) => (call.event as { type?: string }).type)).toEqual(['TOKEN', undefined]);
  // The plan's burst of 2 is spent: the next request with the key is throttled.
  expect((await get({ Authorization: 'token', 'x-api-key': API_KEY })).status).toBe(200);
  expect((await get({ Authorization: 'token', 'x-api-key': API_KEY })).status).toBe(429);
});
