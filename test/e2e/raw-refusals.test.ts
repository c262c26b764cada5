import { violations } from './fuzz/invariants';
import { type RawRequest, rawRequest } from './fuzz/raw-http';
import { accessToken } from './public-api';
import { output } from './target';

/**
 * What the fuzz suite found below the gateway, pinned as plain cases: requests a hostile client sends over
 * a raw socket (fetch refuses to) that Node's HTTP layer answered itself, with an empty body or not at
 * all, and gateway answers that echoed the caller's X-Correlation-Id or had no `status` member.
 */
const api = new URL(output('PublicApiUrl'));
const MARK = 'fz<"raw">';
const send = (request: Omit<RawRequest, 'target'> & { path: string }) =>
  rawRequest(api, { ...request, target: `${api.pathname}${request.path}` });

describe('requests refused before or by the gateway, sent raw', () => {
  it.each<[string, Omit<RawRequest, 'target'> & { path: string }, number]>([
    ['CONNECT (Node drops it unanswered)', { method: 'CONNECT', path: 'orders', headers: [] }, 400],
    ['an unknown method', { method: 'BREW', path: 'orders', headers: [] }, 400],
    [
      'a control character in a header',
      { method: 'GET', path: 'orders/x', headers: [['X-Correlation-Id', 'a\u0001b']] },
      400,
    ],
    [
      'an Expect other than 100-continue (Node answers an empty 417)',
      {
        method: 'POST',
        path: 'orders',
        // With a token: past the authorizer, the broken body is what is refused.
        headers: [
          ['Expect', 'x'],
          ['Content-Type', 'application/json'],
          ['Authorization', 'token'],
        ],
        body: '{',
      },
      400,
    ],
    [
      'an unrouted method with a correlation id',
      { method: 'DELETE', path: 'orders', headers: [['X-Correlation-Id', MARK]] },
      404,
    ],
  ])('answers %s with problem+json whose status is the HTTP status', async (_, request, status) => {
    const token = await accessToken();
    const headers = request.headers.map(([name, value]): [string, string] =>
      name === 'Authorization' ? [name, `Bearer ${token}`] : [name, value],
    );
    const response = await send({ ...request, headers });
    expect(violations(request.method, response, [MARK])).toEqual([]);
    expect(response.status).toBe(status);
  });
});
