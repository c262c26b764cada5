import { APIGatewayProxyEventSchema } from '@aws-lambda-powertools/parser/schemas/api-gateway';
import type { ProxyEvent } from '../../../apigateway/proxy-event';
import {
  ApiBuilder,
  echo,
  type FakeHandler,
  fakeLambda,
  functionArn,
  Servers,
} from '../../helpers/apigateway-fixtures';

const servers = new Servers();
afterEach(() => servers.closeAll());

function api() {
  return new ApiBuilder('api0001', { BinaryMediaTypes: ['image/png'] })
    .proxy('/orders', 'POST', 'place', { OperationName: 'PlaceOrder' })
    .proxy('/orders/{orderId}', 'GET', 'get')
    .proxy('/files/{proxy+}', 'ANY', 'files')
    .stage('v1', { Variables: { table: 'Orders' } })
    .build();
}

async function start(handler: FakeHandler = echo, integrationTimeoutMs?: number) {
  const lambda = fakeLambda(handler);
  const url = await servers.start(api(), {
    lambda,
    ...(integrationTimeoutMs === undefined ? {} : { integrationTimeoutMs }),
  });
  return { lambda, url };
}

/** Every event the emulator produces must be one the Powertools REST API schema accepts. */
function parsed(event: unknown): ProxyEvent {
  const result = APIGatewayProxyEventSchema.safeParse(event);
  if (!result.success) throw new Error(`not a valid API Gateway proxy event: ${result.error.message}`);
  return event as ProxyEvent;
}

describe('AWS_PROXY integration: the event', () => {
  it('is shaped like API Gateway REST proxy events', async () => {
    const { lambda, url } = await start();
    const response = await fetch(`${url}/v1/orders/o-1?asOf=2025-01-01T00%3A00%3A00Z&tag=a&tag=b+c`, {
      headers: { 'X-Correlation-Id': 'corr-1', 'User-Agent': 'jest-agent' },
    });
    expect(response.status).toBe(200);
    expect(lambda.calls).toHaveLength(1);
    expect(lambda.calls[0]?.arn).toBe(functionArn('get'));
    const event = parsed(lambda.calls[0]?.event);
    expect(event).toMatchObject({
      resource: '/orders/{orderId}',
      path: '/orders/o-1',
      httpMethod: 'GET',
      pathParameters: { orderId: 'o-1' },
      queryStringParameters: { asOf: '2025-01-01T00:00:00Z', tag: 'b c' },
      multiValueQueryStringParameters: { asOf: ['2025-01-01T00:00:00Z'], tag: ['a', 'b c'] },
      stageVariables: { table: 'Orders' },
      body: null,
      isBase64Encoded: false,
    });
    // Header names arrive in the case the client sent them.
    expect(event.headers).toMatchObject({ 'X-Correlation-Id': 'corr-1', 'X-Forwarded-For': '127.0.0.1' });
    expect(event.multiValueHeaders?.['X-Correlation-Id']).toEqual(['corr-1']);
    expect(event.headers?.['X-Amzn-Trace-Id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(Object.keys(event.headers ?? {}).map((name) => name.toLowerCase())).not.toContain('connection');
    const context = event.requestContext;
    expect(context).toMatchObject({
      accountId: '000000000000',
      apiId: 'api0001',
      deploymentId: 'dep1',
      httpMethod: 'GET',
      path: '/v1/orders/o-1',
      protocol: 'HTTP/1.1',
      resourcePath: '/orders/{orderId}',
      stage: 'v1',
      domainPrefix: 'api0001',
      identity: { sourceIp: '127.0.0.1', userAgent: 'jest-agent', caller: null, user: null },
    });
    expect(context.domainName).toBe(new URL(url).host);
    expect(context.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(context.extendedRequestId).toHaveLength(16);
    expect(context.requestTime).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(Math.abs(context.requestTimeEpoch - Date.now())).toBeLessThan(60_000);
    expect(context.resourceId).toMatch(/^res/);
    expect(context.authorizer).toBeUndefined();
    expect(context.identity.apiKey).toBeUndefined();
    expect(response.headers.get('x-amzn-requestid')).toBe(context.requestId);
    expect(response.headers.get('x-amz-apigw-id')).toBe(context.extendedRequestId);
  });

  it('passes a JSON body as a string, the operation name, and null maps when there is nothing', async () => {
    const { lambda, url } = await start();
    await fetch(`${url}/v1/orders`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"a":1}',
    });
    const event = parsed(lambda.calls[0]?.event);
    expect(event.body).toBe('{"a":1}');
    expect(event.isBase64Encoded).toBe(false);
    expect(event.queryStringParameters).toBeNull();
    expect(event.multiValueQueryStringParameters).toBeNull();
    expect(event.pathParameters).toBeNull();
    expect(event.requestContext.operationName).toBe('PlaceOrder');
    expect(Object.keys(event.headers ?? {}).map((name) => name.toLowerCase())).not.toContain(
      'content-length',
    );
  });

  it('base64-encodes binary media types and bodies that are not text', async () => {
    const { lambda, url } = await start();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0x00]);
    await fetch(`${url}/v1/files/a.png`, {
      method: 'PUT',
      headers: { 'Content-Type': 'image/png' },
      body: png,
    });
    await fetch(`${url}/v1/files/a.bin`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: png,
    });
    await fetch(`${url}/v1/files/a.txt`, {
      method: 'PUT',
      headers: { 'Content-Type': 'text/plain' },
      body: 'héllo',
    });
    const [image, octets, text] = lambda.calls.map((call) => parsed(call.event));
    expect(image).toMatchObject({ isBase64Encoded: true, body: png.toString('base64') });
    expect(octets).toMatchObject({ isBase64Encoded: true, body: png.toString('base64') });
    expect(text).toMatchObject({ isBase64Encoded: false, body: 'héllo' });
  });

  it('gives {proxy+} the rest of the path, still percent-encoded, and keeps a trailing slash in path', async () => {
    const { lambda, url } = await start();
    await fetch(`${url}/v1/files/a/b%2Bc@d.e/`, { method: 'DELETE' });
    const event = parsed(lambda.calls[0]?.event);
    expect(event).toMatchObject({
      resource: '/files/{proxy+}',
      path: '/files/a/b%2Bc@d.e/',
      httpMethod: 'DELETE',
      pathParameters: { proxy: 'a/b%2Bc@d.e' },
    });
    expect(event.requestContext.path).toBe('/v1/files/a/b%2Bc@d.e/');
  });
});

describe('AWS_PROXY integration: the result', () => {
  it('maps status, headers, multiValueHeaders (which win) and the body', async () => {
    const { url } = await start(() => ({
      statusCode: 202,
      headers: { Location: '/orders/1', 'X-Single': 'one', 'X-Both': 'single', 'X-Flag': true },
      multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'], 'x-both': ['multi'] },
      body: '{"orderId":"1"}',
    }));
    const response = await fetch(`${url}/v1/orders`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(202);
    expect(response.headers.get('location')).toBe('/orders/1');
    expect(response.headers.get('x-single')).toBe('one');
    expect(response.headers.get('x-both')).toBe('multi');
    expect(response.headers.get('x-flag')).toBe('true');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toBe('{"orderId":"1"}');
  });

  it('decodes base64 bodies, accepts a numeric-string status and defaults a missing one to 200', async () => {
    const results: unknown[] = [
      { statusCode: '201', body: Buffer.from('binary!').toString('base64'), isBase64Encoded: true },
      { headers: { 'x-only': 'headers' } },
    ];
    const { url } = await start(() => results.shift());
    const first = await fetch(`${url}/v1/orders`, { method: 'POST' });
    expect(first.status).toBe(201);
    expect(await first.text()).toBe('binary!');
    const second = await fetch(`${url}/v1/orders`, { method: 'POST' });
    expect(second.status).toBe(200);
    expect(second.headers.get('x-only')).toBe('headers');
    expect(await second.text()).toBe('');
  });

  it.each([
    ['a string', 'just a string'],
    ['null', null],
    ['an array', [200]],
    ['an unknown key', { statusCode: 200, statueCode: 200 }],
    ['an invalid statusCode', { statusCode: 'ok' }],
    ['an out-of-range statusCode', { statusCode: 99 }],
    ['an object body', { statusCode: 200, body: { a: 1 } }],
    ['a non-array multi-value header', { statusCode: 200, multiValueHeaders: { a: 'b' } }],
    ['an object header value', { statusCode: 200, headers: { a: { b: 1 } } }],
  ])('answers 502 Internal server error for a malformed result (%s)', async (_name, result) => {
    const log: string[] = [];
    const lambda = fakeLambda(() => result);
    const url = await servers.start(api(), { lambda, onExecutionLog: (line) => log.push(line) });
    const response = await fetch(`${url}/v1/orders`, { method: 'POST' });
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toBe('{"message": "Internal server error"}');
    expect(log.join('\n')).toContain('Malformed Lambda proxy response');
  });

  it('answers 502 when the function throws', async () => {
    const { url } = await start(() => {
      throw new Error('boom');
    });
    const response = await fetch(`${url}/v1/orders`, { method: 'POST' });
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ message: 'Internal server error' });
  });

  it('answers 500 when Lambda does not run the function (throttled or unknown)', async () => {
    const throttled = fakeLambda(() => ({}));
    throttled.invoke = async () => ({
      ok: false,
      functionError: 'Throttled',
      payload: { errorType: 'TooManyRequestsException', errorMessage: 'Rate Exceeded.' },
      durationMs: 0,
    });
    const url = await servers.start(api(), { lambda: throttled });
    expect((await fetch(`${url}/v1/orders`, { method: 'POST' })).status).toBe(500);

    const missing = fakeLambda(() => ({}));
    missing.invoke = () => Promise.reject(new Error('Function not found'));
    const other = await servers.start(api(), { lambda: missing });
    const response = await fetch(`${other}/v1/orders`, { method: 'POST' });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: 'Internal server error' });
  });

  it('answers 504 INTEGRATION_TIMEOUT when the function is slower than the integration timeout', async () => {
    const { url } = await start(
      () => new Promise((resolve) => setTimeout(() => resolve({ statusCode: 200 }), 500)),
      50,
    );
    const response = await fetch(`${url}/v1/orders`, { method: 'POST' });
    expect(response.status).toBe(504);
    expect(await response.json()).toEqual({ message: 'Endpoint request timed out' });
  });
});
