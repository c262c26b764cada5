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
    for (const line of next.lines) expect(line.correlationId).not.toBe('corr-A');
  });
});
