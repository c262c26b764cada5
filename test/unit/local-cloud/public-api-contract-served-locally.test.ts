import { APIGatewayProxyEventSchema } from '@aws-lambda-powertools/parser/schemas/api-gateway';
import {
  buildRestApis,
  buildUserPools,
  type InvokeResult,
  type LambdaService,
  LocalUserPools,
  type RestApiModel,
  RestApiServer,
  readCloudAssembly,
  resolveAssembly,
} from '@shop/local-cloud';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { synthShop } from '../../helpers/synth';

/**
 * The shop's public REST API as it really synthesizes (the Edge stack, `local` stage), served by the local
 * cloud's API Gateway in front of a fake Lambda service: the template's validator, model and gateway
 * responses must give the public API contract's answers.
 */
const servers: RestApiServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A LambdaService whose functions are one JS function; it records every call. */
function fakeLambda(
  handler: (event: unknown, arn: string) => unknown,
): LambdaService & { calls: Array<{ arn: string; event: unknown }> } {
  const calls: Array<{ arn: string; event: unknown }> = [];
  return {
    calls,
    async invoke(arn: string, event: unknown): Promise<InvokeResult> {
      calls.push({ arn, event });
      return { ok: true, payload: await handler(event, arn), durationMs: 1 };
    },
    async invokeAsync(arn: string, event: unknown): Promise<void> {
      calls.push({ arn, event });
      await handler(event, arn);
    },
  };
}

const eventOf = (lambda: { calls: Array<{ event: unknown }> }): APIGatewayProxyEvent => {
  const call = lambda.calls[0];
  if (!call) throw new Error('no call');
  return call.event as APIGatewayProxyEvent;
};

const PROBLEM = 'application/problem+json';

let api: RestApiModel;
let userPools: LocalUserPools;
/** An access token of the shop's test client (every scope), or of only the scopes given. */
let tokenFor: (scopes?: readonly string[]) => string;

beforeAll(() => {
  // The assembly read back as `npm start` reads it: every stack, so the Edge stack's imports find the
  // Orders functions.
  const { resources } = resolveAssembly(readCloudAssembly(synthShop('local').app.synth().directory).stacks);
  userPools = new LocalUserPools(buildUserPools(resources).pools);
  const [pool] = userPools.pools;
  const client = pool && [...pool.clients.values()][0];
  if (!pool || !client || userPools.pools.length !== 1)
    throw new Error('Expected one user pool with its test client');
  tokenFor = (scopes = client.allowedOAuthScopes) =>
    userPools.issueAccessToken(pool, client, scopes).accessToken;
  const apis = buildRestApis(resources);
  // The public API; the Payments stack also has the stub provider's.
  const found = apis.find((candidate) => candidate.name === 'Shop-Local-public-api');
  if (!found) throw new Error(`No public API among ${apis.map((a) => a.name).join(', ')}`);
  api = found;
}, 120_000);

const VALID_ORDER = {
  customerId: 'c-1',
  items: [{ sku: 'SKU-1', quantity: 2 }],
  paymentToken: 'tok_ok',
  shippingAddress: { name: 'Ada', line1: '1 Main St', city: 'London', postalCode: 'N1', country: 'GB' },
};

async function start() {
  const lambda = fakeLambda((event, arn) =>
    arn.includes('PlaceOrder')
      ? {
          statusCode: 202,
          headers: { Location: '/orders/o-1' },
          body: '{"orderId":"o-1","status":"PENDING"}',
        }
      : { statusCode: 200, body: JSON.stringify({ path: (event as APIGatewayProxyEvent).path }) },
  );
  const accessLog: string[] = [];
  const server = new RestApiServer(api, { lambda, userPools, onAccessLog: (line) => accessLog.push(line) });
  servers.push(server);
  const url = await server.listen();
  const post = (body: string, headers: Record<string, string>) =>
    fetch(`${url}/v1/orders`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${tokenFor()}`, ...headers },
      body,
    });
  return { url, lambda, accessLog, post };
}

describe('the Edge stack REST API', () => {
  it('refuses a caller without a token with a 401 problem from UNAUTHORIZED, before any function runs', async () => {
    const { url, lambda } = await start();
    const response = await fetch(`${url}/v1/orders/o-42`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe(PROBLEM);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await response.json()).toMatchObject({
      type: 'https://shop.example/problems/unauthorized',
      status: 401,
      title: 'Authentication is required',
    });
    expect(lambda.calls).toEqual([]);
  });

  it("refuses a token without the route's scope with a 403 problem from ACCESS_DENIED", async () => {
    const { post, lambda } = await start();
    const response = await post(JSON.stringify(VALID_ORDER), {
      'Idempotency-Key': 'k-1',
      Authorization: `Bearer ${tokenFor(['shop/orders.read'])}`,
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe(PROBLEM);
    expect(await response.json()).toMatchObject({
      type: 'https://shop.example/problems/forbidden',
      status: 403,
    });
    expect(lambda.calls).toEqual([]);
  });

  it('is modelled with its routes, stage, validator, model and gateway responses and no warning but tracing and the cache size', () => {
    expect([...api.resources.values()].map((resource) => resource.path).sort()).toEqual([
      '/',
      '/customers',
      '/customers/{customerId}',
      '/customers/{customerId}/orders',
      '/inventory',
      '/inventory/{sku}',
      '/orders',
      '/orders/{orderId}',
      '/orders/{orderId}/callbacks',
      '/orders/{orderId}/callbacks/replay',
      '/orders/{orderId}/cancel',
      '/orders/{orderId}/history',
      '/products',
      '/products/{sku}',
    ]);
    const stage = api.stages.get('v1');
    expect(stage?.defaultMethodThrottle).toEqual({ rateLimit: 500, burstLimit: 1000 });
    expect(stage?.accessLogFormat).toContain('$context.requestId');
    expect(api.gatewayResponses.get('MISSING_AUTHENTICATION_TOKEN')?.statusCode).toBe(404);
    const post = api.resources
      .get([...api.resources.values()].find((r) => r.path === '/orders')?.id ?? '')
      ?.methods.get('POST');
    expect(post?.integration).toEqual({
      type: 'AWS_PROXY',
      functionArn: expect.stringMatching(/^arn:aws:lambda:us-east-1:000000000000:function:.*PlaceOrder/),
    });
    // The stage cache is emulated; only its size and encryption are not.
    expect(api.warnings).toEqual([
      expect.stringContaining('0.5 GB cache cluster'),
      expect.stringContaining('CacheDataEncrypted'),
      expect.stringContaining('X-Ray tracing'),
    ]);
  });

  it('refuses POST /v1/orders without Idempotency-Key with a 400 problem from BAD_REQUEST_PARAMETERS', async () => {
    const { post, lambda } = await start();
    const response = await post(JSON.stringify(VALID_ORDER), { 'X-Correlation-Id': 'corr-1' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe(PROBLEM);
    // The gateway cannot check a caller's correlation id, so its own errors never echo one; the body's
    // `instance` (the request id) identifies the request instead.
    expect(response.headers.get('x-correlation-id')).toBeNull();
    const problem = await response.json();
    expect(problem).toMatchObject({
      type: 'https://shop.example/problems/invalid-request',
      status: 400,
      instance: expect.stringMatching(/^urn:uuid:[0-9a-f-]{36}$/),
      detail: 'Missing required request parameters: [Idempotency-Key]',
    });
    expect(lambda.calls).toHaveLength(0);
  });

  it('refuses a body with an unknown field with a 400 problem from BAD_REQUEST_BODY', async () => {
    const { post, lambda } = await start();
    const response = await post(JSON.stringify({ ...VALID_ORDER, discount: 100 }), {
      'Idempotency-Key': 'k-1',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe(PROBLEM);
    expect(await response.json()).toMatchObject({
      type: 'https://shop.example/problems/invalid-request',
      status: 400,
      detail: 'The request body does not match the schema of this operation.',
      instance: expect.stringMatching(/^urn:uuid:[0-9a-f-]{36}$/),
    });
    expect(lambda.calls).toHaveLength(0);
  });

  it('answers an unknown route with a 404 problem (MISSING_AUTHENTICATION_TOKEN mapped to 404)', async () => {
    const { url } = await start();
    const response = await fetch(`${url}/v1/nothing/here`, { method: 'DELETE' });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe(PROBLEM);
    expect(await response.json()).toMatchObject({
      type: 'https://shop.example/problems/not-found',
      status: 404,
      detail: 'No route matches this method and path.',
      instance: expect.stringMatching(/^urn:uuid:[0-9a-f-]{36}$/),
    });
  });

  it('passes a valid order to the place-order function with an event the Powertools schema accepts', async () => {
    const { post, lambda, accessLog } = await start();
    const response = await post(JSON.stringify(VALID_ORDER), { 'Idempotency-Key': 'k-1' });
    expect(response.status).toBe(202);
    expect(response.headers.get('location')).toBe('/orders/o-1');
    expect(await response.json()).toEqual({ orderId: 'o-1', status: 'PENDING' });
    expect(lambda.calls).toHaveLength(1);
    expect(lambda.calls[0]?.arn).toMatch(/PlaceOrder/);
    const event = eventOf(lambda);
    expect(APIGatewayProxyEventSchema.safeParse(event).success).toBe(true);
    expect(event).toMatchObject({
      resource: '/orders',
      httpMethod: 'POST',
      body: JSON.stringify(VALID_ORDER),
    });
    // The method's OperationName (aws-lambda's types leave it out of the request context).
    expect(event.requestContext).toMatchObject({ operationName: 'PlaceOrder' });
    // The stage's JSON access log format, one parseable line per request.
    const line = JSON.parse(accessLog.at(-1) ?? '{}');
    expect(line).toMatchObject({
      requestId: event.requestContext.requestId,
      method: 'POST',
      resourcePath: '/orders',
      path: '/v1/orders',
      status: '202',
      errorType: '-',
      integrationStatus: '200',
    });
  });

  it('routes GET /v1/orders/{orderId} to the get-order function', async () => {
    const { url, lambda } = await start();
    const response = await fetch(`${url}/v1/orders/o-42`, {
      headers: { Authorization: `Bearer ${tokenFor()}` },
    });
    expect(response.status).toBe(200);
    expect(lambda.calls[0]?.arn).toMatch(/GetOrder/);
    expect(eventOf(lambda).pathParameters).toEqual({ orderId: 'o-42' });
  });
});
