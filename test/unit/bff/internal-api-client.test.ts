import * as z from 'zod/mini';
import { BackendFailure } from '../../../lambdas/bff/domain/part-problem';
import { InternalApiClient } from '../../../lambdas/shared/http/internal-api-client';

const schema = z.object({ orderId: z.string() });
const trace = { correlationId: 'corr-1' };
const backendFailure = (message: string) => new BackendFailure(message);

function answering(status: number, body: string, headers: Record<string, string> = {}) {
  const seen: { url: string; init: RequestInit }[] = [];
  const fetchFn = (async (url: URL, init: RequestInit) => {
    seen.push({ url: String(url), init });
    return new Response(body, { status, headers });
  }) as unknown as typeof fetch;
  return {
    seen,
    client: new InternalApiClient(
      'payments',
      'https://api.example/internal/',
      1_000,
      fetchFn,
      backendFailure,
    ),
  };
}

describe('a service’s internal API as a backend of the apps', () => {
  it('reads an answer by its schema, with the correlation id, at the route under the base URL', async () => {
    const { client, seen } = answering(200, '{"orderId":"o1","extra":true}', {
      'content-type': 'application/json',
    });
    await expect(client.read('/payments/o1', schema, trace)).resolves.toEqual({ orderId: 'o1' });
    expect(seen[0]?.url).toBe('https://api.example/internal/payments/o1');
    expect(new Headers(seen[0]?.init.headers).get('x-correlation-id')).toBe('corr-1');
  });

  it('is undefined only when the service itself said 404 (problem+json)', async () => {
    const problem = answering(404, '{"status":404}', { 'content-type': 'application/problem+json' });
    await expect(problem.client.read('/payments/o1', schema, trace)).resolves.toBeUndefined();
    // The gateway's own 404 or 403 (a wrong URL, a missing grant) is a failure, never "not found".
    for (const status of [403, 404]) {
      const gateway = answering(status, '{"message":"Forbidden"}', { 'content-type': 'application/json' });
      await expect(gateway.client.read('/payments/o1', schema, trace)).rejects.toThrow(
        new BackendFailure(`The payments service answered HTTP ${status}.`),
      );
    }
  });

  it('fails in words fit for a client on a 5xx, a 429, an unknown shape or no answer', async () => {
    await expect(answering(500, 'boom').client.read('/p', schema, trace)).rejects.toThrow(
      'The payments service answered HTTP 500.',
    );
    await expect(answering(429, '').client.read('/p', schema, trace)).rejects.toThrow(
      'The payments service answered HTTP 429.',
    );
    await expect(answering(200, '{"id":1}').client.read('/p', schema, trace)).rejects.toThrow(
      'The payments service answered in an unknown shape.',
    );
    const silent = new InternalApiClient(
      'payments',
      'https://api.example/',
      1_000,
      (async (_url: URL, init: RequestInit) => {
        await new Promise((_, reject) =>
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
        );
        return new Response('');
      }) as unknown as typeof fetch,
      backendFailure,
    );
    const controller = new AbortController();
    const read = silent.read('/p', schema, trace, controller.signal);
    controller.abort(new DOMException('late', 'TimeoutError'));
    await expect(read).rejects.toThrow('The payments service did not answer (TimeoutError).');
  });

  it('relays a command’s answer with the headers a client uses, and refuses a gateway refusal', async () => {
    const { client } = answering(409, '{"status":409}', {
      'content-type': 'application/problem+json',
      'retry-after': '5',
      'x-amzn-requestid': 'internal',
    });
    await expect(client.relay('POST', '/orders/o1/cancel', trace, { body: {} })).resolves.toEqual({
      status: 409,
      body: { status: 409 },
      headers: { 'retry-after': '5' },
    });
    const refused = answering(403, '{"message":"User is not authorized"}', {
      'content-type': 'application/json',
    });
    await expect(refused.client.relay('POST', '/orders', trace)).rejects.toThrow(
      /refused POST \/orders: HTTP 403/,
    );
  });
});
