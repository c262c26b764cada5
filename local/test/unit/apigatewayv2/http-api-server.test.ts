import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { APIGatewayProxyEventV2Schema } from '@aws-lambda-powertools/parser/schemas/api-gatewayv2';
import type { IamCredential } from '../../../apigateway/iam-authorization';
import type {
  ApiV2Model,
  Authorization,
  JwtAuthorizerModel,
  LambdaAuthorizerModel,
  RouteModel,
  StageModel,
} from '../../../apigatewayv2/http-api-model';
import { HttpApiServer } from '../../../apigatewayv2/http-api-server';
import type { IssuerKeys } from '../../../apigatewayv2/issuer-keys';
import { decodeJwt, signJwt } from '../../../cognito/jwt';
import { newSigningKey, publicJwk } from '../../../cognito/signing-keys';
import type { InvokeResult, LambdaService } from '../../../lambda/types';
import { sigV4Fetch } from '../../helpers/sigv4-fetch';
import { userPoolsFixture } from '../../helpers/user-pool-fixtures';

/**
 * An HttpApiServer on a real listener in front of a scripted LambdaService (the one mock: the functions),
 * for what the fixture app's integration test does not reach: authorizer caching across routes, the 1.0
 * authorizer event, JWT claim rules, throttling, access log formats, IAM routes, CORS over the backend's.
 */
const REGION = 'us-east-1';
const ACCOUNT = '000000000000';
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const arn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
const { userPools, pool, client } = userPoolsFixture({ now: () => NOW });
const machine = client('Machine');
const accessToken = (scopes: string[]) => userPools.issueAccessToken(pool, machine, scopes).accessToken;
/** A token of the pool with claims changed, signed with the pool's own key. */
const signed = (claims: Record<string, unknown>) =>
  signJwt({ ...decodeJwt(accessToken([]))?.claims, ...claims }, userPools.signingKey(pool.id));

type Handler = (event: Record<string, unknown>) => unknown;
function scriptedLambda(handlers: Record<string, Handler>) {
  const calls: Array<{ name: string; event: Record<string, unknown> }> = [];
  const lambda: LambdaService = {
    async invoke(functionArn: string, event: unknown): Promise<InvokeResult> {
      const name = functionArn.split(':').at(-1) ?? '';
      calls.push({ name, event: event as Record<string, unknown> });
      try {
        return { ok: true, payload: await handlers[name]?.(event as Record<string, unknown>), durationMs: 1 };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return {
          ok: false,
          functionError: 'Unhandled',
          payload: { errorType: 'Error', errorMessage: message },
          durationMs: 1,
        };
      }
    },
    async invokeAsync() {},
  };
  return { lambda, calls, named: (name: string) => calls.filter((call) => call.name === name) };
}

const integration = { functionArn: arn('echo'), payloadFormatVersion: '2.0' as const, timeoutMs: 30_000 };
const route = (key: string, authorization: Authorization = { type: 'NONE' }): RouteModel => ({
  key,
  integration,
  authorization,
});
const stage = (overrides: Partial<StageModel> = {}): StageModel => ({
  name: '$default',
  variables: {},
  routeThrottles: new Map(),
  ...overrides,
});
const lambdaAuthorizer = (overrides: Partial<LambdaAuthorizerModel> = {}): LambdaAuthorizerModel => ({
  kind: 'REQUEST',
  id: 'auth1',
  name: 'custom',
  functionArn: arn('authorizer'),
  payloadFormatVersion: '2.0',
  simpleResponses: false,
  identitySource: ['$request.header.x-token'],
  ttlSeconds: 300,
  ...overrides,
});
const jwt: JwtAuthorizerModel = {
  kind: 'JWT',
  id: 'jwt1',
  name: 'jwt',
  issuer: pool.issuer,
  audience: [machine.clientId],
  identitySource: ['$request.header.Authorization'],
};

const servers: HttpApiServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(
  api: Partial<ApiV2Model>,
  handlers: Record<string, Handler>,
  extra: { iamCredentials?: IamCredential[]; now?: () => number; issuerKeys?: IssuerKeys } = {},
) {
  const script = scriptedLambda({ echo: (event) => ({ received: event }), ...handlers });
  const lines: string[] = [];
  const policyProblems: string[] = [];
  const server = new HttpApiServer(
    {
      stackName: 'Stack',
      logicalId: 'Api',
      id: 'a1b2c3d4e5',
      name: 'api',
      protocol: 'HTTP',
      routes: [],
      stages: [stage()],
      warnings: [],
      ...api,
    },
    {
      lambda: script.lambda,
      region: REGION,
      accountId: ACCOUNT,
      userPools,
      onAccessLog: (line) => lines.push(line),
      onPolicyProblem: (problem) => policyProblems.push(problem),
      now: extra.now ?? (() => NOW),
      ...(extra.iamCredentials ? { iamCredentials: extra.iamCredentials } : {}),
      ...(extra.issuerKeys ? { issuerKeys: extra.issuerKeys } : {}),
    },
  );
  servers.push(server);
  const base = await server.listen();
  return { ...script, base, lines, policyProblems };
}

const received = async (response: Response) =>
  ((await response.json()) as { received: Record<string, unknown> }).received;

/** `GET /pets` behind a Lambda authorizer (payload 1.0) answering one Allow statement with `extra` in it. */
const behindPolicy = (extra: Record<string, unknown>) => {
  const authorizer = lambdaAuthorizer({ payloadFormatVersion: '1.0' });
  return start(
    { routes: [route('GET /pets', { type: 'CUSTOM', authorizer })] },
    {
      authorizer: (event) => ({
        principalId: 'me',
        policyDocument: {
          Version: '2012-10-17',
          Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn, ...extra }],
        },
      }),
    },
  );
};

describe('HTTP API Lambda authorizers', () => {
  it("evaluates the policy's Condition on the caller's keys (aws:SourceIp: the client is 127.0.0.1)", async () => {
    const fromRange = (cidr: string) => behindPolicy({ Condition: { IpAddress: { 'aws:SourceIp': cidr } } });
    const near = await fromRange('127.0.0.0/8');
    expect((await fetch(`${near.base}/pets`, { headers: { 'x-token': 'abc' } })).status).toBe(200);
    const far = await fromRange('192.0.2.0/24');
    expect((await fetch(`${far.base}/pets`, { headers: { 'x-token': 'abc' } })).status).toBe(403);
  });

  it('refuses an Allow AWS would have refused (an unknown condition operator), and says why', async () => {
    const { base, policyProblems } = await behindPolicy({
      Sid: 'Typo',
      Condition: { IpAdress: { 'aws:SourceIp': '127.0.0.0/8' } },
    });
    expect((await fetch(`${base}/pets`, { headers: { 'x-token': 'abc' } })).status).toBe(403);
    expect(policyProblems).toEqual([expect.stringMatching(/'Typo'.*unknown condition operator 'IpAdress'/)]);
  });

  it('sends payload 1.0 in REST shape, and evaluates the cached policy against each route it serves', async () => {
    const authorizer = lambdaAuthorizer({ payloadFormatVersion: '1.0' });
    const { base, named } = await start(
      {
        routes: [
          route('GET /pets', { type: 'CUSTOM', authorizer }),
          route('GET /toys', { type: 'CUSTOM', authorizer }),
        ],
      },
      {
        authorizer: (event) => ({
          principalId: 'me',
          policyDocument: {
            Version: '2012-10-17',
            Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }],
          },
          context: { who: 'tester' },
        }),
      },
    );
    const pets = await fetch(`${base}/pets?x=1`, { headers: { 'x-token': 'abc' } });
    expect(pets.status).toBe(200);
    expect((await received(pets)).requestContext).toMatchObject({
      authorizer: { lambda: { who: 'tester' } },
    });
    expect(named('authorizer')[0]?.event).toMatchObject({
      version: '1.0',
      type: 'REQUEST',
      methodArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:a1b2c3d4e5/$default/GET/pets`,
      identitySource: 'abc',
      authorizationToken: 'abc',
      resource: '/pets',
      path: '/pets',
      httpMethod: 'GET',
      headers: expect.objectContaining({ 'x-token': 'abc' }),
      queryStringParameters: { x: '1' },
      requestContext: expect.objectContaining({ resourcePath: '/pets', stage: '$default' }),
    });
    // Cached by identity alone: the policy, made for /pets, does not allow /toys; the function is not asked again.
    const toys = await fetch(`${base}/toys`, { headers: { 'x-token': 'abc' } });
    expect(toys.status).toBe(403);
    expect(await toys.json()).toEqual({ message: 'Forbidden' });
    expect(named('authorizer')).toHaveLength(1);
  });

  it('refuses without an identity source (401), and answers 500 to an unusable answer without caching it', async () => {
    let answer: unknown = { nonsense: true };
    const authorizer = lambdaAuthorizer({ simpleResponses: true });
    const { base, named } = await start(
      { routes: [route('GET /pets', { type: 'CUSTOM', authorizer })] },
      { authorizer: () => answer },
    );
    const call = () => fetch(`${base}/pets`, { headers: { 'x-token': 'abc' } });
    expect((await fetch(`${base}/pets`)).status).toBe(401);
    expect(named('authorizer')).toHaveLength(0);
    const broken = await call();
    expect(broken.status).toBe(500);
    expect(await broken.json()).toEqual({ message: 'Internal Server Error' });
    answer = { isAuthorized: true, context: { n: 1 } };
    const fixed = await call();
    expect(fixed.status).toBe(200);
    expect(named('authorizer')).toHaveLength(2);
    const event = named('authorizer')[1]?.event;
    expect(event).toMatchObject({
      version: '2.0',
      type: 'REQUEST',
      routeArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:a1b2c3d4e5/$default/GET/pets`,
      identitySource: ['abc'],
      routeKey: 'GET /pets',
    });
    expect(event).not.toHaveProperty('body');
  });

  it('reads identity sources from the query string, stage variables and $context', async () => {
    const authorizer = lambdaAuthorizer({
      simpleResponses: true,
      identitySource: ['$request.querystring.key', '$stageVariables.tier', '$context.routeKey'],
    });
    const { base, named } = await start(
      {
        routes: [route('GET /pets', { type: 'CUSTOM', authorizer })],
        stages: [stage({ variables: { tier: 'gold' } })],
      },
      { authorizer: () => ({ isAuthorized: true }) },
    );
    expect((await fetch(`${base}/pets?key=k1`)).status).toBe(200);
    expect(named('authorizer')[0]?.event.identitySource).toEqual(['k1', 'gold', 'GET /pets']);
  });
});

describe('HTTP API named stages', () => {
  it('keep the stage in the paths the events carry, and out of the route ARN', async () => {
    const authorizer = lambdaAuthorizer({ simpleResponses: true });
    const v1 = { ...integration, functionArn: arn('echo1'), payloadFormatVersion: '1.0' as const };
    const { base, named } = await start(
      {
        routes: [
          route('GET /pets/{id}', { type: 'CUSTOM', authorizer }),
          { key: 'GET /old/{id}', integration: v1, authorization: { type: 'NONE' } },
        ],
        stages: [stage({ name: 'prod' })],
      },
      {
        authorizer: () => ({ isAuthorized: true }),
        // Payload 1.0 wants a proxy result; a bare value would be a 500.
        echo1: (event) => ({ statusCode: 200, body: JSON.stringify({ received: event }) }),
      },
    );
    const v2Event = await received(await fetch(`${base}/prod/pets/1`, { headers: { 'x-token': 't' } }));
    expect(v2Event).toMatchObject({
      rawPath: '/prod/pets/1',
      pathParameters: { id: '1' },
      requestContext: expect.objectContaining({
        stage: 'prod',
        http: expect.objectContaining({ path: '/prod/pets/1' }),
      }),
    });
    expect(named('authorizer')[0]?.event).toMatchObject({
      rawPath: '/prod/pets/1',
      routeArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:a1b2c3d4e5/prod/GET/pets/1`,
    });
    const v1Event = await received(await fetch(`${base}/prod/old/2`));
    expect(v1Event).toMatchObject({
      version: '1.0',
      resource: '/old/{id}',
      path: '/prod/old/2',
      requestContext: expect.objectContaining({
        resourcePath: '/old/{id}',
        path: '/prod/old/2',
        stage: 'prod',
      }),
    });
    // No $default stage: a path under no stage is 404.
    expect((await fetch(`${base}/pets/1`)).status).toBe(404);
  });
});

describe('HTTP API JWT authorizers', () => {
  const jwtRoute = (scopes: string[] = []) => route('GET /private', { type: 'JWT', authorizer: jwt, scopes });

  it('passes claims as strings and scopes, null on a route that asks for none', async () => {
    const { base } = await start(
      {
        routes: [
          jwtRoute(),
          route('GET /scoped', { type: 'JWT', authorizer: jwt, scopes: ['shop/orders.read'] }),
        ],
      },
      {},
    );
    const token = accessToken(['shop/orders.read']);
    const open = await received(
      await fetch(`${base}/private`, { headers: { Authorization: `Bearer ${token}` } }),
    );
    expect(open.requestContext).toMatchObject({
      authorizer: {
        jwt: {
          claims: expect.objectContaining({
            client_id: machine.clientId,
            exp: expect.stringMatching(/^\d+$/),
          }),
          scopes: null,
        },
      },
    });
    expect(APIGatewayProxyEventV2Schema.safeParse(open).error).toBeUndefined();
    const scoped = await received(await fetch(`${base}/scoped`, { headers: { Authorization: token } }));
    expect(scoped.requestContext).toMatchObject({ authorizer: { jwt: { scopes: ['shop/orders.read'] } } });
  });

  it('checks aud before client_id, and nbf and iat against the clock, naming the fault in www-authenticate', async () => {
    const { base } = await start({ routes: [jwtRoute()] }, {});
    const call = (token: string) =>
      fetch(`${base}/private`, { headers: { Authorization: `Bearer ${token}` } });
    const wrongAud = await call(signed({ aud: 'someone-else' }));
    expect(wrongAud.status).toBe(401);
    expect(await wrongAud.json()).toEqual({ message: 'Unauthorized' });
    expect(wrongAud.headers.get('www-authenticate')).toBe(
      'Bearer scope="" error="invalid_token" error_description="the token does not have a valid audience"',
    );
    expect((await call(signed({ aud: machine.clientId, client_id: 'nobody' }))).status).toBe(200);
    expect((await call(signed({ nbf: NOW / 1000 + 60 }))).status).toBe(401);
    expect((await call(signed({ iat: NOW / 1000 + 60 }))).status).toBe(401);
    expect((await call(signed({ iss: 'https://issuer.example' }))).status).toBe(401);
  });
});

describe('HTTP API JWT authorizers of another issuer', () => {
  /** An OpenID issuer on a real listener: its discovery document and JWKS, counting the fetches. */
  async function issuerServer(keys: ReturnType<typeof newSigningKey>[]) {
    const fetched: string[] = [];
    let origin = '';
    const server: Server = createServer((req, res) => {
      fetched.push(req.url ?? '');
      res.setHeader('content-type', 'application/json');
      if (req.url === '/realm/.well-known/openid-configuration')
        res.end(JSON.stringify({ issuer: `${origin}/realm`, jwks_uri: `${origin}/realm/keys` }));
      else if (req.url === '/realm/keys') res.end(JSON.stringify({ keys: keys.map(publicJwk) }));
      else res.writeHead(404).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return {
      issuer: `${origin}/realm`,
      fetched,
      close: () => new Promise((resolve) => server.close(resolve)),
    };
  }

  it('verifies against the keys its discovery document names, fetched once and kept', async () => {
    const key = newSigningKey();
    const idp = await issuerServer([key]);
    try {
      const authorizer: JwtAuthorizerModel = { ...jwt, issuer: idp.issuer, audience: ['api://shop'] };
      const { base } = await start(
        { routes: [route('GET /ext', { type: 'JWT', authorizer, scopes: ['read'] })] },
        {},
      );
      const token = (claims: Record<string, unknown> = {}, signer = key) =>
        signJwt(
          { iss: idp.issuer, aud: 'api://shop', sub: 'u1', exp: NOW / 1000 + 300, scope: 'read', ...claims },
          signer,
        );
      const call = (value: string) => fetch(`${base}/ext`, { headers: { Authorization: `Bearer ${value}` } });
      const allowed = await call(token());
      expect(allowed.status).toBe(200);
      expect((await received(allowed)).requestContext).toMatchObject({
        authorizer: { jwt: { claims: expect.objectContaining({ sub: 'u1' }), scopes: ['read'] } },
      });
      expect((await call(token())).status).toBe(200);
      expect(idp.fetched).toEqual(['/realm/.well-known/openid-configuration', '/realm/keys']);
      // Another key under the same kid, an expired token, a token naming another issuer, too few scopes.
      expect(await call(token({}, { ...newSigningKey(), kid: key.kid }))).toMatchObject({ status: 401 });
      expect(await call(token({ exp: NOW / 1000 - 1 }))).toMatchObject({ status: 401 });
      expect(await call(token({ iss: 'https://elsewhere.example' }))).toMatchObject({ status: 401 });
      expect(await call(token({ scope: 'write' }))).toMatchObject({ status: 403 });
      expect(idp.fetched).toHaveLength(2);
    } finally {
      await idp.close();
    }
  });

  it('refuses the tokens of an issuer out of reach (401), and never fetches for a local pool', async () => {
    const key = newSigningKey();
    const idp = await issuerServer([key]);
    await idp.close();
    const authorizer: JwtAuthorizerModel = { ...jwt, issuer: idp.issuer, audience: ['api://shop'] };
    const { base } = await start(
      { routes: [route('GET /ext', { type: 'JWT', authorizer, scopes: [] })] },
      {},
    );
    const token = signJwt({ iss: idp.issuer, aud: 'api://shop', exp: NOW / 1000 + 300 }, key);
    expect((await fetch(`${base}/ext`, { headers: { Authorization: token } })).status).toBe(401);
    // The pool's own issuer with a token the pool did not sign: refused without asking anyone for keys.
    const local = await start(
      { routes: [route('GET /private', { type: 'JWT', authorizer: jwt, scopes: [] })] },
      {},
    );
    const forged = signJwt({ ...decodeJwt(accessToken([]))?.claims }, newSigningKey());
    expect((await fetch(`${local.base}/private`, { headers: { Authorization: forged } })).status).toBe(401);
  });
});

describe('HTTP API stages: throttling and access logs', () => {
  it('throttles each route by its stage settings: 429 Too Many Requests', async () => {
    const clock = { now: NOW };
    const { base } = await start(
      {
        routes: [route('GET /a'), route('GET /b')],
        stages: [
          stage({
            defaultRouteThrottle: { rateLimit: 1, burstLimit: 1 },
            routeThrottles: new Map([['GET /b', { rateLimit: 1, burstLimit: 2 }]]),
          }),
        ],
      },
      {},
      { now: () => clock.now },
    );
    expect((await fetch(`${base}/a`)).status).toBe(200);
    const throttled = await fetch(`${base}/a`);
    expect(throttled.status).toBe(429);
    expect(await throttled.json()).toEqual({ message: 'Too Many Requests' });
    expect((await fetch(`${base}/b`)).status).toBe(200);
    expect((await fetch(`${base}/b`)).status).toBe(200);
    expect((await fetch(`${base}/b`)).status).toBe(429);
    clock.now += 1000;
    expect((await fetch(`${base}/a`)).status).toBe(200);
  });

  it("writes the stage's access log format, with the HTTP API's $context variables", async () => {
    const { base, lines } = await start(
      {
        routes: [route('GET /private', { type: 'JWT', authorizer: jwt, scopes: [] })],
        stages: [
          stage({
            accessLogFormat:
              '{"route":"$context.routeKey","status":"$context.status","client":"$context.authorizer.claims.client_id","error":"$context.error.message","stage":"$context.stage"}',
          }),
        ],
      },
      {},
    );
    await fetch(`${base}/private`, { headers: { Authorization: accessToken([]) } });
    await fetch(`${base}/private`);
    await fetch(`${base}/nowhere`);
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { route: 'GET /private', status: '200', client: machine.clientId, error: '-', stage: '$default' },
      { route: 'GET /private', status: '401', client: '-', error: 'Unauthorized', stage: '$default' },
      { route: '-', status: '404', client: '-', error: 'Not Found', stage: '$default' },
    ]);
  });
});

describe('HTTP API IAM authorization and CORS', () => {
  const credential: IamCredential = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'secret' };

  it('checks SigV4 on AWS_IAM routes with the REST APIs’ check, and names the signer in the event', async () => {
    const { base } = await start(
      { routes: [route('POST /internal', { type: 'AWS_IAM' })] },
      {},
      {
        iamCredentials: [credential],
        now: Date.now,
      },
    );
    const unsigned = await fetch(`${base}/internal`, { method: 'POST', body: '{}' });
    expect(unsigned.status).toBe(403);
    expect(await unsigned.json()).toEqual({ message: 'Forbidden' });
    const signedFetch = sigV4Fetch({ region: REGION, credentials: credential });
    const ok = await signedFetch(`${base}/internal?a=1`, { method: 'POST', body: '{"x":1}' });
    expect(ok.status).toBe(200);
    const event = await received(ok);
    expect(event.requestContext).toMatchObject({
      authorizer: { iam: { accessKey: 'AKIDLOCAL', accountId: ACCOUNT } },
    });
    expect(APIGatewayProxyEventV2Schema.safeParse(event).error).toBeUndefined();
    const wrongKey = sigV4Fetch({ region: REGION, credentials: { ...credential, secretAccessKey: 'wrong' } });
    const refused = await wrongKey(`${base}/internal`, { method: 'POST', body: '{}' });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { message: string }).message).toMatch(
      /signature we calculated does not match/,
    );
  });

  it("replaces the backend's CORS headers with the API's configuration", async () => {
    const { base } = await start(
      {
        routes: [route('GET /pets')],
        cors: {
          allowOrigins: ['https://app.example'],
          allowMethods: ['GET'],
          allowHeaders: [],
          exposeHeaders: [],
          allowCredentials: false,
        },
      },
      {
        echo: () => ({
          statusCode: 200,
          headers: { 'access-control-allow-origin': '*', 'x-kept': 'yes' },
          body: 'ok',
        }),
      },
    );
    const allowed = await fetch(`${base}/pets`, { headers: { Origin: 'https://app.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(allowed.headers.get('x-kept')).toBe('yes');
    const other = await fetch(`${base}/pets`, { headers: { Origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('HTTP API integration faults', () => {
  it('answers a function error and a 1.0 answer without statusCode with 500, naming the fault in the access log', async () => {
    const failing = { ...integration, functionArn: arn('failing') };
    const bare = { ...integration, functionArn: arn('bare'), payloadFormatVersion: '1.0' as const };
    const { base, lines } = await start(
      {
        routes: [
          { key: 'GET /fail', integration: failing, authorization: { type: 'NONE' } },
          { key: 'GET /bare', integration: bare, authorization: { type: 'NONE' } },
        ],
        stages: [stage({ accessLogFormat: '$context.status $context.integrationErrorMessage' })],
      },
      {
        failing: () => {
          throw new Error('boom');
        },
        bare: () => ({ hello: 'world' }),
      },
    );
    const failed = await fetch(`${base}/fail`);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ message: 'Internal Server Error' });
    expect((await fetch(`${base}/bare`)).status).toBe(500);
    expect(lines).toEqual(['500 boom', '500 -']);
  });
});

describe('HTTP API payload limit', () => {
  it('answers 413 past 10 MB without invoking anything (REST’s reader), and keeps serving', async () => {
    const { base, calls } = await start({ routes: [route('POST /upload')] }, {});
    const tooLarge = await fetch(`${base}/upload`, {
      method: 'POST',
      body: Buffer.alloc(10 * 1024 * 1024 + 1),
    });
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toEqual({ message: 'Request Too Long' });
    expect(calls).toHaveLength(0);
    expect((await fetch(`${base}/upload`, { method: 'POST', body: 'small' })).status).toBe(200);
  });
});
