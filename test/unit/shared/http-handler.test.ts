import { NotFoundError } from '../../../lambdas/shared/errors';
import { httpHandler } from '../../../lambdas/shared/http/http-handler';
import { apiEvent, lambdaContext } from '../../helpers/api-gateway-event';
import { capturedLogs } from '../../helpers/captured-logs';

const get = (headers: Record<string, string> = {}) =>
  apiEvent({ method: 'GET', resource: '/things/{id}', pathParameters: { id: '7' }, headers });

describe('httpHandler', () => {
  it('answers JSON and echoes the caller’s correlation id', async () => {
    const handler = httpHandler(async (request) => ({
      status: 200,
      body: { id: request.pathParameter('id'), seen: request.header('x-custom') },
    }));
    const result = await handler(get({ 'X-Correlation-Id': 'abc-123', 'X-CUSTOM': 'yes' }), lambdaContext());
    expect(result.statusCode).toBe(200);
    expect(result.headers).toEqual({
      'Content-Type': 'application/json',
      'X-Content-Type-Options': 'nosniff',
      'X-Correlation-Id': 'abc-123',
    });
    expect(JSON.parse(result.body)).toEqual({ id: '7', seen: 'yes' });
  });

  it('mints a correlation id when the caller sends none', async () => {
    const handler = httpHandler(async () => ({ status: 204 }));
    const result = await handler(get(), lambdaContext());
    expect(result.headers?.['X-Correlation-Id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.body).toBe('');
  });

  it('turns a thrown error into problem+json with the correlation id', async () => {
    const handler = httpHandler(async () => {
      throw new NotFoundError('Thing 7 does not exist.');
    });
    const result = await handler(get({ 'x-correlation-id': 'c-9' }), lambdaContext());
    expect(result.statusCode).toBe(404);
    expect(result.headers?.['Content-Type']).toBe('application/problem+json');
    expect(result.headers?.['X-Correlation-Id']).toBe('c-9');
    expect(JSON.parse(result.body)).toMatchObject({
      status: 404,
      detail: 'Thing 7 does not exist.',
      instance: '/things/7',
      correlationId: 'c-9',
    });
  });

  it.each<[string, () => Promise<never> | Promise<{ status: number }>]>([
    ['a success', async () => ({ status: 200 })],
    ['a refusal', async () => Promise.reject(new NotFoundError('gone'))],
    ['an unexpected error', async () => Promise.reject(new Error('boom'))],
  ])('marks %s nosniff: the body is only ever the content type it states', async (_, route) => {
    const result = await httpHandler(route)(get(), lambdaContext());
    expect(result.headers?.['X-Content-Type-Options']).toBe('nosniff');
  });

  describe('CORS', () => {
    const origins = 'http://localhost:5173,https://shop.example';
    beforeEach(() => {
      process.env.CORS_ALLOWED_ORIGINS = origins;
    });
    afterEach(() => {
      delete process.env.CORS_ALLOWED_ORIGINS;
    });
    const ok = httpHandler(async () => ({ status: 200, body: {} }));
    const refused = httpHandler(async () => Promise.reject(new NotFoundError('gone')));

    it.each([
      ['a success', ok],
      ['a problem', refused],
    ])('allows an origin of the stage on %s, exactly that origin', async (_, handler) => {
      const result = await handler(get({ Origin: 'https://shop.example' }), lambdaContext());
      expect(result.headers).toMatchObject({
        'Access-Control-Allow-Origin': 'https://shop.example',
        'Access-Control-Expose-Headers': 'Location,ETag,Retry-After,X-Correlation-Id',
        Vary: 'Origin',
      });
      expect(result.headers).not.toHaveProperty('Access-Control-Allow-Credentials');
    });

    it.each([
      ['another origin', 'https://evil.example'],
      ['a prefix of an allowed one', 'https://shop.example.evil.example'],
      ['"null"', 'null'],
    ])('gives %s no CORS grant', async (_, origin) => {
      const result = await ok(get({ Origin: origin }), lambdaContext());
      expect(result.headers).not.toHaveProperty('Access-Control-Allow-Origin');
      expect(result.headers?.Vary).toBe('Origin');
    });

    it('adds nothing in a stage without origins', async () => {
      delete process.env.CORS_ALLOWED_ORIGINS;
      const result = await ok(get({ Origin: 'https://shop.example' }), lambdaContext());
      expect(
        Object.keys(result.headers ?? {}).filter((name) => /^(access-control|vary)/i.test(name)),
      ).toEqual([]);
    });
  });

  it('puts the correlation id on every log line, and only for its own request', async () => {
    const handler = httpHandler(async () => {
      throw new Error('boom with internals');
    });
    const { result, lines } = await capturedLogs(() =>
      handler(get({ 'X-Correlation-Id': 'corr-A' }), lambdaContext()),
    );
    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body).detail).not.toContain('boom');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatchObject({ correlationId: 'corr-A' });
    expect(lines.some((line) => line.level === 'ERROR')).toBe(true);

    const next = await capturedLogs(() => httpHandler(async () => ({ status: 200 }))(get(), lambdaContext()));
    expect(next.lines.length).toBeGreaterThan(0);
    for (const line of next.lines) expect(line.correlationId).not.toBe('corr-A');
  });
});
