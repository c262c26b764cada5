import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { call, expectProblem } from './public-api';
import { output } from './target';

/**
 * What issue 11 found on `npm start`, black-box: request text in the gateway's JSON, missing `nosniff`,
 * echoed correlation ids, no CORS. The origin is one the `local` and `dev` stages both allow.
 */
const ORIGIN = 'http://localhost:5173';
const api = new URL(output('PublicApiUrl'));

/** A GET with the path sent byte for byte (fetch would percent-encode the quotes). */
function rawGet(path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const send = api.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send({ host: api.hostname, port: api.port, method: 'GET', path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('hostile input and headers on the public API', () => {
  it.each(['no"such', 'x","status":200,"title":"Injected","z":"', 'back\\slash'])(
    'answers an unknown path %s with valid problem+json holding none of it',
    async (rest) => {
      const response = await rawGet(`${api.pathname}${rest}`);
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(JSON.parse(response.body)).toMatchObject({ status: 404, title: expect.any(String) });
      expect(response.body).not.toContain(rest);
    },
  );

  it('marks the functions’ answers nosniff and replaces an unsafe correlation id', async () => {
    const response = await call('GET', 'orders/00000000-0000-4000-8000-000000000000', {
      headers: { 'X-Correlation-Id': 'a"b<script>' },
    });
    expectProblem(response, 404);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers a CORS preflight from an allowed origin', async () => {
    const response = await call('OPTIONS', 'orders', {
      headers: {
        Origin: ORIGIN,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,idempotency-key',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(response.headers.get('access-control-allow-methods')?.split(',')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
  });

  it('grants an allowed origin on a function’s answer, and no other', async () => {
    const path = 'customers/cus_00000000000000000000000000000000/orders';
    const allowed = await call('GET', path, { headers: { Origin: ORIGIN } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const other = await call('GET', path, { headers: { Origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
