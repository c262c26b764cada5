import {
  APIGatewayProxyEventSchema,
  APIGatewayRequestAuthorizerEventSchema,
  APIGatewayTokenAuthorizerEventSchema,
} from '@aws-lambda-powertools/parser/schemas/api-gateway';
import { evaluatePolicy, methodArn } from '../../../apigateway/authorizer-policy';
import type { ProxyEvent } from '../../../apigateway/proxy-event';
import {
  ApiBuilder,
  echo,
  eventOf,
  fakeLambda,
  functionArn,
  invocationUri,
  manualClock,
  Servers,
} from '../../helpers/apigateway-fixtures';

const servers = new Servers();
afterEach(() => servers.closeAll());

const ARN_PREFIX = 'arn:aws:execute-api:us-east-1:000000000000:api0001/v1';

function policy(effect: string, resource: string | string[]) {
  return {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
  };
}

interface AuthorizerEvent {
  type: string;
  methodArn: string;
  authorizationToken?: string;
  headers?: Record<string, string>;
  queryStringParameters?: Record<string, string>;
}

/** The authorizer decides by token: `allow`, `deny`, `orders-only`, `unauthorized`, `crash`, `bad-output`. */
function authorizerFunction(event: AuthorizerEvent): unknown {
  const token = event.authorizationToken ?? event.headers?.['X-Token'] ?? '';
  if (token.endsWith('unauthorized')) throw new Error('Unauthorized');
  if (token.endsWith('crash')) throw new Error('database down');
  if (token.endsWith('bad-output')) return { principalId: 'user-1' };
  const resource = token.endsWith('orders-only') ? `${ARN_PREFIX}/GET/orders` : `${ARN_PREFIX}/*`;
  return {
    principalId: 'user-1',
    policyDocument: policy(token.endsWith('deny') ? 'Deny' : 'Allow', resource),
    context: { tenant: 'acme', tier: 3, admin: false },
    usageIdentifierKey: 'usage-key-1',
  };
}

async function start(authorizer: Record<string, unknown>) {
  const clock = manualClock();
  const api = new ApiBuilder()
    .add('Authorizer', 'auth1', {
      Name: 'auth',
      AuthorizerUri: invocationUri(functionArn('authorizer')),
      ...authorizer,
    })
    .proxy('/orders', 'GET', 'list', { AuthorizationType: 'CUSTOM', AuthorizerId: 'auth1' })
    .proxy('/orders/{orderId}', 'GET', 'get', { AuthorizationType: 'CUSTOM', AuthorizerId: 'auth1' })
    .stage('v1')
    .build();
  const lambda = fakeLambda((event, arn) =>
    arn === functionArn('authorizer') ? authorizerFunction(event as AuthorizerEvent) : echo(event, arn),
  );
  const url = await servers.start(api, { lambda, now: clock.now });
  const authorizerCalls = () => lambda.calls.filter((call) => call.arn === functionArn('authorizer'));
  const integrationEvents = () =>
    lambda.calls
      .filter((call) => call.arn !== functionArn('authorizer'))
      .map((call) => call.event as ProxyEvent);
  return { url, clock, lambda, authorizerCalls, integrationEvents };
}

describe('TOKEN authorizers', () => {
  const token = {
    Type: 'TOKEN',
    IdentitySource: 'method.request.header.Authorization',
    AuthorizerResultTtlInSeconds: 0,
  };
  const get = (url: string, auth?: string, path = '/v1/orders') =>
    fetch(`${url}${path}`, { headers: auth ? { Authorization: auth } : {} });

  it('call the function with the TOKEN event and pass principal and context to the integration', async () => {
    const { url, authorizerCalls, integrationEvents } = await start(token);
    const response = await get(url, 'Bearer allow');
    expect(response.status).toBe(200);
    const event = authorizerCalls()[0]?.event;
    expect(APIGatewayTokenAuthorizerEventSchema.safeParse(event).success).toBe(true);
    expect(event).toEqual({
      type: 'TOKEN',
      authorizationToken: 'Bearer allow',
      methodArn: `${ARN_PREFIX}/GET/orders`,
    });
    const proxyEvent = integrationEvents()[0];
    expect(APIGatewayProxyEventSchema.safeParse(proxyEvent).success).toBe(true);
    expect(proxyEvent?.requestContext.authorizer).toEqual({
      principalId: 'user-1',
      integrationLatency: expect.any(Number),
      tenant: 'acme',
      tier: '3',
      admin: 'false',
    });
  });

  it('answer 401 Unauthorized without a token, with a token failing the validation expression, or on Unauthorized', async () => {
    const { url, authorizerCalls } = await start({
      ...token,
      IdentityValidationExpression: '^Bearer [a-z-]+$',
    });
    expect(await (await get(url)).text()).toBe('{"message":"Unauthorized"}');
    expect((await get(url, 'Basic xyz')).status).toBe(401);
    expect(authorizerCalls()).toHaveLength(0);
    const refused = await get(url, 'Bearer unauthorized');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
  });

  it('answer 403 on an explicit Deny and when no statement allows the method', async () => {
    const { url } = await start(token);
    const denied = await get(url, 'Bearer deny');
    expect(denied.status).toBe(403);
    expect(await denied.text()).toBe(
      '{"message":"User is not authorized to access this resource with an explicit deny"}',
    );
    expect((await get(url, 'Bearer orders-only')).status).toBe(200);
    const other = await get(url, 'Bearer orders-only', '/v1/orders/o-1');
    expect(other.status).toBe(403);
    expect(await other.text()).toBe('{"message":"User is not authorized to access this resource"}');
  });

  it('answer 500 {"message": null} when the function fails otherwise or returns no policy', async () => {
    const { url } = await start(token);
    for (const auth of ['Bearer crash', 'Bearer bad-output']) {
      const response = await get(url, auth);
      expect(response.status).toBe(500);
      expect(response.headers.get('x-amzn-errortype')).toBe('AuthorizerConfigurationException');
      expect(await response.text()).toBe('{"message": null}');
    }
  });

  it('cache the result by token for the TTL and evaluate the cached policy for each method', async () => {
    const { url, clock, authorizerCalls } = await start({ ...token, AuthorizerResultTtlInSeconds: 60 });
    expect((await get(url, 'Bearer orders-only')).status).toBe(200);
    expect((await get(url, 'Bearer orders-only')).status).toBe(200);
    expect((await get(url, 'Bearer orders-only', '/v1/orders/o-1')).status).toBe(403);
    expect(authorizerCalls()).toHaveLength(1);
    expect((await get(url, 'Bearer allow')).status).toBe(200);
    expect(authorizerCalls()).toHaveLength(2);
    clock.advance(60_001);
    expect((await get(url, 'Bearer orders-only')).status).toBe(200);
    expect(authorizerCalls()).toHaveLength(3);
  });
});

describe('REQUEST authorizers', () => {
  const request = {
    Type: 'REQUEST',
    IdentitySource: 'method.request.header.X-Token, method.request.querystring.tenant',
    AuthorizerResultTtlInSeconds: 300,
  };

  it('call the function with the REQUEST event (headers, query, path, request context)', async () => {
    const { url, authorizerCalls } = await start(request);
    const response = await fetch(`${url}/v1/orders/o-1?tenant=acme`, { headers: { 'X-Token': 'allow' } });
    expect(response.status).toBe(200);
    const event = authorizerCalls()[0]?.event;
    const parsed = APIGatewayRequestAuthorizerEventSchema.safeParse(event);
    expect(parsed.success).toBe(true);
    expect(event).toMatchObject({
      type: 'REQUEST',
      methodArn: `${ARN_PREFIX}/GET/orders/o-1`,
      resource: '/orders/{orderId}',
      path: '/orders/o-1',
      httpMethod: 'GET',
      headers: { 'X-Token': 'allow' },
      queryStringParameters: { tenant: 'acme' },
      pathParameters: { orderId: 'o-1' },
      stageVariables: {},
      requestContext: { stage: 'v1', resourcePath: '/orders/{orderId}' },
    });
  });

  it('answer 401 without calling the function when an identity source is missing (caching on)', async () => {
    const { url, authorizerCalls } = await start(request);
    expect((await fetch(`${url}/v1/orders`, { headers: { 'X-Token': 'allow' } })).status).toBe(401);
    expect(authorizerCalls()).toHaveLength(0);
  });

  it('cache by all identity source values together', async () => {
    const { url, authorizerCalls } = await start(request);
    const call = (tenant: string) =>
      fetch(`${url}/v1/orders?tenant=${tenant}`, { headers: { 'X-Token': 'allow' } });
    expect((await call('a')).status).toBe(200);
    expect((await call('a')).status).toBe(200);
    expect((await call('b')).status).toBe(200);
    expect(authorizerCalls()).toHaveLength(2);
  });
});

describe('API keys from the authorizer (ApiKeySourceType AUTHORIZER)', () => {
  it('meter the request with the usageIdentifierKey the authorizer returns', async () => {
    const builder = new ApiBuilder('api0001', { ApiKeySourceType: 'AUTHORIZER' })
      .add('Authorizer', 'auth1', {
        Type: 'TOKEN',
        AuthorizerUri: invocationUri(functionArn('authorizer')),
        AuthorizerResultTtlInSeconds: 0,
      })
      .proxy('/orders', 'GET', 'list', {
        AuthorizationType: 'CUSTOM',
        AuthorizerId: 'auth1',
        ApiKeyRequired: true,
      })
      .stage('v1');
    builder.keyInUsagePlan(
      { id: 'key-id-1', value: 'usage-key-1' },
      { ApiStages: [{ ApiId: 'api0001', Stage: 'v1' }], Quota: { Limit: 1, Period: 'DAY' } },
    );
    const lambda = fakeLambda((event, arn) =>
      arn === functionArn('authorizer') ? authorizerFunction(event as AuthorizerEvent) : echo(event, arn),
    );
    const url = await servers.start(builder.build(), { lambda });
    const first = await fetch(`${url}/v1/orders`, { headers: { Authorization: 'allow' } });
    expect(first.status).toBe(200);
    const event = eventOf(lambda, -1);
    expect(event.requestContext.identity).toMatchObject({ apiKey: 'usage-key-1', apiKeyId: 'key-id-1' });
    // The quota of 1 is now used up for that key.
    expect((await fetch(`${url}/v1/orders`, { headers: { Authorization: 'allow' } })).status).toBe(429);
  });
});

describe('policy evaluation', () => {
  const arn = methodArn({
    region: 'us-east-1',
    accountId: '1',
    apiId: 'a',
    stage: 's',
    httpMethod: 'GET',
    path: '/x/y',
  });

  it('builds the method ARN from the request path', () => {
    expect(arn).toBe('arn:aws:execute-api:us-east-1:1:a/s/GET/x/y');
    expect(
      methodArn({ region: 'r', accountId: '1', apiId: 'a', stage: 's', httpMethod: 'POST', path: '/' }),
    ).toBe('arn:aws:execute-api:r:1:a/s/POST/');
  });

  it.each([
    [policy('Allow', 'arn:aws:execute-api:us-east-1:1:a/s/GET/x/y'), 'ALLOW'],
    [policy('Allow', 'arn:aws:execute-api:*:*:a/*/GET/*'), 'ALLOW'],
    [
      policy('Allow', [
        'arn:aws:execute-api:us-east-1:1:a/s/POST/*',
        'arn:aws:execute-api:us-east-1:1:a/s/GET/x/?',
      ]),
      'ALLOW',
    ],
    [policy('Allow', 'arn:aws:execute-api:us-east-1:1:a/s/POST/*'), 'NO_MATCH'],
    [{ Statement: [policy('Allow', '*').Statement[0], policy('Deny', '*').Statement[0]] }, 'DENY'],
    [{ Statement: { Action: 'execute-api:*', Effect: 'Allow', Resource: '*' } }, 'ALLOW'],
    [{ Statement: [{ Action: 's3:GetObject', Effect: 'Allow', Resource: '*' }] }, 'NO_MATCH'],
  ])('%j -> %s', (document, decision) => {
    expect(evaluatePolicy(document, arn)).toBe(decision);
  });
});
