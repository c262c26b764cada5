import { APIGatewayProxyEventV2Schema } from '@aws-lambda-powertools/parser/schemas/api-gatewayv2';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { LocalCloud } from '../../cloud/local-cloud';
import { invokeOnEndpoint } from './invoke-function';
import { startFixtureApp } from './running-fixture-app';

/**
 * The fixture app's HTTP APIs (test/fixtures/local-cloud-app/http-api-fixtures.ts) over real HTTP only:
 * the URLs come from the outputs file's values, tokens from the local user pool's token endpoint, and
 * every answer is checked as a client of the API on AWS would see it.
 */
let cloud: LocalCloud;
let stop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ cloud, stop } = await startFixtureApp('local-cloud-http-api-'));
});
afterAll(() => stop?.());

const out = () => cloud.outputs.LocalCloudFixture ?? {};
const httpApi = () => String(out().HttpApiUrl);
type Received = { received: Record<string, unknown> & { requestContext: Record<string, unknown> } };
const receivedFrom = async (response: Response) => ((await response.json()) as Received).received;
const tokenFor = async (scope: string) => {
  const basic = `Basic ${Buffer.from(`${out().MachineClientId}:${out().MachineClientSecret}`).toString('base64')}`;
  const response = await fetch(String(out().TokenUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: basic },
    body: `grant_type=client_credentials&scope=${encodeURIComponent(scope)}`,
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
};

describe('the fixture app’s HTTP APIs (API Gateway v2)', () => {
  it('are served at the URLs the outputs give, ApiEndpoint included, and listed with their stages', () => {
    expect(httpApi()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(`${out().HttpApiEndpoint}/`).toBe(httpApi());
    expect(cloud.apis.find((a) => a.name === 'fixture-http')?.stageUrls).toEqual([
      httpApi(),
      `${httpApi()}beta/`,
      `${httpApi()}limited/`,
    ]);
    expect(out().HttpCatchAllUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(out().HttpCatchAllUrl).not.toBe(httpApi());
  });

  it('sends payload 2.0 events (valid for Powertools) and infers the response from a bare value', async () => {
    const response = await fetch(`${httpApi()}items/42?tag=a&tag=b`, {
      headers: { Cookie: 'c1=v1; c2=v2', 'X-Many': 'one' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('apigw-requestid')).toBeTruthy();
    const received = await receivedFrom(response);
    expect(received).toMatchObject({
      version: '2.0',
      routeKey: 'GET /items/{id}',
      rawPath: '/items/42',
      rawQueryString: 'tag=a&tag=b',
      cookies: ['c1=v1', 'c2=v2'],
      queryStringParameters: { tag: 'a,b' },
      pathParameters: { id: '42' },
      headers: expect.objectContaining({ 'x-many': 'one' }),
      requestContext: expect.objectContaining({
        stage: '$default',
        requestId: response.headers.get('apigw-requestid'),
        http: expect.objectContaining({ method: 'GET', path: '/items/42', protocol: 'HTTP/1.1' }),
      }),
      isBase64Encoded: false,
    });
    expect(APIGatewayProxyEventV2Schema.safeParse(received).error).toBeUndefined();
  });

  it('prefers the most specific route, serves named stages with their variables, sends 1.0 on a greedy route', async () => {
    const special = await receivedFrom(await fetch(`${httpApi()}items/special`));
    expect(special.routeKey).toBe('GET /items/special');
    const staged = await receivedFrom(await fetch(`${httpApi()}beta/items/7`));
    // A named stage is part of the path the function sees, as on AWS; the route matched without it.
    expect(staged).toMatchObject({
      routeKey: 'GET /items/{id}',
      rawPath: '/beta/items/7',
      pathParameters: { id: '7' },
      stageVariables: { tier: 'beta' },
      requestContext: expect.objectContaining({
        stage: 'beta',
        http: expect.objectContaining({ path: '/beta/items/7' }),
      }),
    });
    const legacy = await fetch(`${httpApi()}legacy/a/b?x=1`, {
      method: 'POST',
      body: 'hi',
      headers: { 'content-type': 'text/plain' },
    });
    expect(legacy.status).toBe(200);
    expect(await receivedFrom(legacy)).toMatchObject({
      version: '1.0',
      httpMethod: 'POST',
      resource: '/legacy/{proxy+}',
      path: '/legacy/a/b',
      pathParameters: { proxy: 'a/b' },
      queryStringParameters: { x: '1' },
      body: 'hi',
    });
  });

  it('answers 404 Not Found where no route matches, and sends everything to a $default route', async () => {
    const missing = await fetch(`${httpApi()}nowhere`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ message: 'Not Found' });
    expect((await fetch(`${httpApi()}items/1`, { method: 'DELETE' })).status).toBe(404);
    const caught = await fetch(`${out().HttpCatchAllUrl}any/thing?q=1`, { method: 'PUT', body: '{}' });
    expect(caught.status).toBe(200);
    expect(await receivedFrom(caught)).toMatchObject({ routeKey: '$default', rawPath: '/any/thing' });
  });

  it('checks JWTs minted by the local pool: issuer, audience, scope; a changed byte is 401', async () => {
    const call = (token?: string) =>
      fetch(`${httpApi()}private`, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
    const good = await tokenFor('shop/orders.read');
    // The token is one AWS's own verifier accepts for the pool, as the JWT authorizer does.
    const poolId = String(out().UserPoolId);
    const verifier = CognitoJwtVerifier.create({
      userPoolId: poolId,
      tokenUse: 'access',
      clientId: String(out().MachineClientId),
    });
    const jwks = await (await fetch(`${cloud.endpoint}/${poolId}/.well-known/jwks.json`)).json();
    verifier.cacheJwks(jwks as Parameters<typeof verifier.cacheJwks>[0]);
    await expect(verifier.verify(good)).resolves.toMatchObject({ scope: 'shop/orders.read' });
    const allowed = await call(good);
    expect(allowed.status).toBe(200);
    expect((await receivedFrom(allowed)).requestContext.authorizer).toEqual({
      jwt: {
        claims: expect.objectContaining({
          client_id: out().MachineClientId,
          token_use: 'access',
          exp: expect.stringMatching(/^\d+$/),
        }),
        scopes: ['shop/orders.read'],
      },
    });
    const none = await call();
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ message: 'Unauthorized' });
    const tampered = `${good.slice(0, -2)}${good.at(-2) === 'A' ? 'B' : 'A'}${good.at(-1)}`;
    const refused = await call(tampered);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/);
    const wrongScope = await call(await tokenFor('shop/orders.write'));
    expect(wrongScope.status).toBe(403);
    expect(await wrongScope.json()).toEqual({ message: 'Forbidden' });
  });

  it('runs Lambda authorizers: simple responses (2.0) and an IAM policy (1.0), passing the context on', async () => {
    for (const route of ['custom', 'policy']) {
      const call = (token?: string) =>
        fetch(`${httpApi()}${route}`, token ? { headers: { 'x-token': token } } : {});
      expect((await call()).status).toBe(401);
      const denied = await call('wrong');
      expect(denied.status).toBe(403);
      expect(await denied.json()).toEqual({ message: 'Forbidden' });
      const allowed = await call('let-me-in');
      expect(allowed.status).toBe(200);
      expect((await receivedFrom(allowed)).requestContext.authorizer).toEqual({
        lambda: { who: 'fixture-tester' },
      });
    }
  });

  it('admits to an IAM-authorized route only a function whose role may invoke it', async () => {
    expect((await fetch(`${httpApi()}internal`)).status).toBe(403);
    type Called = { status: number; body: string };
    const granted = await invokeOnEndpoint<Called>(cloud.endpoint, String(out().HttpGrantedCallerName));
    expect(granted.status).toBe(200);
    const event = (JSON.parse(granted.body) as Received).received;
    expect(event.requestContext.authorizer).toMatchObject({
      iam: { userArn: expect.stringMatching(/^arn:aws:(iam|sts)::\d{12}:/) },
    });
    const ungranted = await invokeOnEndpoint<Called>(cloud.endpoint, String(out().HttpUngrantedCallerName));
    expect(ungranted.status).toBe(403);
  });

  it('answers CORS preflights itself and adds the origin to answers for an allowed origin only', async () => {
    const preflight = await fetch(`${httpApi()}items/1`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://app.example',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'Authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization');
    const allowed = await fetch(`${httpApi()}items/1`, { headers: { Origin: 'https://app.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
    const other = await fetch(`${httpApi()}items/1`, { headers: { Origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("throttles a stage's routes (429) and answers 503 when the integration's timeout passes", async () => {
    const burst = await Promise.all([1, 2, 3].map(() => fetch(`${httpApi()}limited/items/1`)));
    const statuses = burst.map((response) => response.status).sort();
    expect(statuses).toEqual([200, 429, 429]);
    const throttled = burst.find((response) => response.status === 429);
    expect(await throttled?.json()).toEqual({ message: 'Too Many Requests' });
    const slow = await fetch(`${httpApi()}slow?sleep=1500`);
    expect(slow.status).toBe(503);
    expect(await slow.json()).toEqual({ message: 'Service Unavailable' });
  });
});
