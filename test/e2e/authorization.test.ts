import { randomUUID } from 'node:crypto';
import { SAMPLE_ORDER } from '../fixtures/orders';
import { AccessTokens, requireOutput } from '../helpers/access-tokens';
import { accessToken, call, expectProblem, newCustomerId, placeOrder } from './public-api';
import { readOutputs } from './target';

/**
 * Who may call the public API (DESIGN.md): an access token from the shop's user pool, by the
 * client-credentials grant, with the route's scope. Black-box: the token endpoint and the API over HTTP.
 */
const UNKNOWN_ORDER = '00000000-0000-4000-8000-000000000000';
const ROUTES: Array<[method: string, route: string, scope: string]> = [
  ['POST', 'orders', 'shop/orders.write'],
  ['GET', `orders/${UNKNOWN_ORDER}`, 'shop/orders.read'],
  ['GET', `orders/${UNKNOWN_ORDER}/history`, 'shop/orders.read'],
  ['POST', 'customers', 'shop/customers.write'],
  ['GET', 'customers/cus_00000000000000000000000000000000', 'shop/customers.read'],
  ['GET', 'customers/cus_00000000000000000000000000000000/orders', 'shop/orders.read'],
  ['PUT', 'inventory/AUTH-SKU', 'shop/inventory.admin'],
  ['GET', 'inventory/AUTH-SKU', 'shop/inventory.admin'],
];
const json = { 'Content-Type': 'application/json', 'Idempotency-Key': 'auth-e2e' };
const bodyOf = (method: string) => (method === 'GET' ? {} : { headers: json, body: '{}' });

describe('the public API refuses a caller without a good token', () => {
  it.each(ROUTES)(
    '%s /%s without a token: 401 problem+json, naming the Bearer scheme',
    async (method, route) => {
      const answer = await call(method, route, { ...bodyOf(method), token: null });
      expect(expectProblem(answer, 401)).toMatchObject({ status: 401, title: 'Authentication is required' });
      expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    },
  );

  it.each([
    ['a token that is not a JWT', 'not-a-token'],
    ['a JWT with a forged signature', 'forged'],
    ['a token in the wrong scheme', 'basic'],
  ])('refuses %s with 401', async (_, kind) => {
    const good = await accessToken();
    const [header, payload, signature = ''] = good.split('.');
    const headers: Record<string, string> = {
      'not-a-token': { Authorization: 'Bearer not-a-token' },
      // The same claims, the signature of other bytes: a client cannot mint or widen its own token.
      forged: { Authorization: `Bearer ${header}.${payload}.${signature.slice(0, -6)}AAAAAA` },
      basic: { Authorization: `Basic ${Buffer.from('client:secret').toString('base64')}` },
    }[kind] as Record<string, string>;
    const answer = await call('GET', `orders/${UNKNOWN_ORDER}`, { headers, token: null });
    expectProblem(answer, 401);
  });

  it('a token whose payload was edited to add a scope is refused', async () => {
    const narrow = await accessToken(['shop/orders.read']);
    const [header, payload, signature] = narrow.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as { scope: string };
    const widened = Buffer.from(
      JSON.stringify({ ...claims, scope: `${claims.scope} shop/orders.write` }),
    ).toString('base64url');
    const answer = await placeOrder({ ...SAMPLE_ORDER }, randomUUID(), {
      Authorization: `Bearer ${header}.${widened}.${signature}`,
    });
    expectProblem(answer, 401);
  });
});

describe("the public API asks for each route's scope", () => {
  it.each(ROUTES)(
    '%s /%s with a token of other scopes only: 403 problem+json',
    async (method, route, scope) => {
      const others = ROUTES.map(([, , s]) => s).filter((s) => s !== scope);
      const answer = await call(method, route, {
        ...bodyOf(method),
        token: await accessToken([...new Set(others)]),
      });
      expectProblem(answer, 403);
    },
  );

  it('a token with just the scope it needs gets through, to the function', async () => {
    const reader = await accessToken(['shop/orders.read']);
    const read = await call('GET', `orders/${UNKNOWN_ORDER}`, { token: reader });
    // Past the authorizer: the function answers that the order does not exist.
    expect(expectProblem(read, 404)).toMatchObject({ title: 'The resource does not exist' });
    const writer = await accessToken(['shop/orders.write']);
    const placed = await placeOrder({ ...SAMPLE_ORDER, customerId: await newCustomerId() }, randomUUID(), {
      Authorization: `Bearer ${writer}`,
    });
    expect(placed.status).toBe(202);
  });
});

describe('the token endpoint', () => {
  const outputs = readOutputs();
  const tokenUrl = requireOutput(outputs, 'PublicApiTokenUrl');
  const clientId = requireOutput(outputs, 'PublicApiClientId');

  it('gives no token for a wrong client secret', async () => {
    await expect(new AccessTokens(tokenUrl, clientId, 'not-the-secret').get()).rejects.toThrow(
      /token endpoint answered 4\d\d.*invalid_client/,
    );
  });

  it('gives no token for a scope the client was not given', async () => {
    await expect(accessToken(['shop/orders.delete'])).rejects.toThrow(
      /token endpoint answered 400.*invalid_scope/,
    );
  });

  it('hands out an access token of the requested scopes, for the client, good for an hour', async () => {
    const token = await accessToken(['shop/orders.read', 'shop/customers.read']);
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(claims).toMatchObject({ token_use: 'access', client_id: clientId, sub: clientId });
    expect(String(claims.scope).split(' ').sort()).toEqual(['shop/customers.read', 'shop/orders.read']);
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);
  });
});
