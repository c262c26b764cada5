import fc from 'fast-check';
import type { RawRequest } from './raw-http';
import { badJsonText, contentType, headerValue, marker, oddValue, queryValue, segment } from './values';

/**
 * Malformed requests for every route of the public API. `refused` cases can never be valid whatever
 * fast-check draws (no key, a broken body, an unknown customer, a read, an unknown route or method), so
 * the suite may demand that they write nothing; the others may happen to be valid (a 2xx is then fine).
 */
export interface FuzzCase {
  readonly request: RawRequest;
  readonly markers: readonly string[];
}

/** A customer id in the right shape that no customer has: a well-formed order for it is still refused. */
const NO_CUSTOMER = `cus_${'0'.repeat(32)}`;
const ORDER = {
  customerId: NO_CUSTOMER,
  items: [{ sku: 'MUG-RED-350', quantity: 1 }],
  paymentToken: 'tok_ok',
  shippingAddress: { name: 'A', line1: '1 Road', city: 'Town', postalCode: '1', country: 'GB' },
};
const CUSTOMER = { name: 'Fuzz', email: 'fuzz@example.com' };

type Body = Record<string, unknown>;

/**
 * A valid body with one field (top level or one below) replaced, removed, or joined by an unknown one.
 * `invalid`: always with an unknown field too (every schema is strict), so that it cannot turn out valid.
 */
const mutated = (base: Body, marked: string, invalid: boolean) =>
  fc
    .oneof(
      fc.tuple(fieldPath(base), oddValue(marked)).map(([path, value]) => setAt(base, path, value)),
      fieldPath(base).map((path) => setAt(base, path, undefined)),
      oddValue(marked).map((value) => ({ ...base, [marked]: value })),
    )
    .map((body) => (invalid ? { ...body, [`x${marked}`]: 1 } : body));

function fieldPath(base: Body) {
  const paths = Object.entries(base).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? [[key], ...Object.keys(value).map((inner) => [key, inner])]
      : Array.isArray(value)
        ? [[key], [key, '0'], [key, '0', 'quantity']]
        : [[key]],
  );
  return fc.constantFrom(...paths);
}

function setAt(base: Body, path: readonly string[], value: unknown): Body {
  const copy = structuredClone(base);
  let at: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  const last = path.at(-1) as string;
  if (value === undefined) delete at[last];
  else at[last] = value;
  return copy;
}

/** The JSON text of a body: broken, or a mutated valid one. */
const bodyText = (base: Body, marked: string, invalid: boolean) =>
  fc.oneof(
    badJsonText(marked),
    mutated(base, marked, invalid).map((body) => JSON.stringify(body)),
  );

/** Headers every case may carry: odd correlation ids, content types, idempotency keys, extra names. */
const commonHeaders = (marked: string) =>
  fc.record(
    {
      'X-Correlation-Id': headerValue(marked),
      'Content-Type': contentType(marked),
      'Idempotency-Key': headerValue(marked),
      Origin: fc.constantFrom('http://localhost:5173', 'https://evil.example', 'null', marked),
      extra: fc.tuple(
        fc.constantFrom(
          'X-HTTP-Method-Override',
          'X-Forwarded-For',
          'Accept',
          'Bad"Name',
          'X-Amzn-Trace-Id',
          'Upgrade',
          'Expect',
          'Host',
          'Content-Length',
        ),
        headerValue(marked),
      ),
    },
    { requiredKeys: [] },
  );

function toHeaders(record: Record<string, unknown>): Array<[string, string]> {
  return Object.entries(record).flatMap(([name, value]) =>
    name === 'extra' ? [value as [string, string]] : [[name, String(value)] as [string, string]],
  );
}

const query = (marked: string, names: readonly string[]) =>
  fc
    .array(fc.tuple(fc.constantFrom(...names, marked), queryValue(marked)), { maxLength: 3 })
    .map((pairs) => (pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`));

/**
 * Access tokens for the cases: `all` has every scope, `narrow` only `shop/orders.read` (a 403 on most
 * routes).
 */
export interface FuzzTokens {
  readonly all: string;
  readonly narrow: string;
}

/**
 * The Authorization a case sends: mostly the good token (so that the request reaches the API's own
 * checks), sometimes none, a narrow one, a broken one, another scheme, or the marker.
 */
const authorization = (tokens: FuzzTokens, m: string) =>
  fc.oneof(
    { weight: 12, arbitrary: fc.constant([['Authorization', `Bearer ${tokens.all}`]] as const) },
    { weight: 1, arbitrary: fc.constant([] as const) },
    {
      weight: 3,
      arbitrary: fc
        .constantFrom(
          `Bearer ${tokens.narrow}`,
          tokens.all,
          `Bearer ${tokens.all.slice(0, -4)}`,
          `Bearer ${m}`,
          `Basic ${m}`,
          m,
          'Bearer ',
        )
        .map((value) => [['Authorization', value]] as const),
    },
  );

/** Every case, built around one marker and the API's base path (`/v1/`). */
function cases(base: string, tokens: FuzzTokens, refusedOnly: boolean) {
  return marker.chain((m) => {
    const get = (path: fc.Arbitrary<string>) =>
      fc.tuple(path, commonHeaders(m), authorization(tokens, m)).map(([target, headers, auth]) => ({
        method: 'GET',
        target: `${base}${target}`,
        headers: [...auth, ...toHeaders(headers)],
      }));
    const send = (method: string, path: fc.Arbitrary<string>, body: fc.Arbitrary<string>, keyed = true) =>
      fc
        .tuple(path, body, commonHeaders(m), fc.boolean(), authorization(tokens, m))
        .map(([target, text, headers, withKey, auth]) => ({
          method,
          target: `${base}${target}`,
          // Most bodies are sent as JSON with a fresh key, so that they reach the body's own checks.
          headers: [
            ...auth,
            ...toHeaders({
              ...(keyed && withKey ? { 'Idempotency-Key': `fuzz-${m.slice(4, 10)}` } : {}),
              'Content-Type': 'application/json',
              ...headers,
            }),
          ],
          body: text,
        }));
    const id = segment(m);
    const refused: Array<fc.Arbitrary<RawRequest>> = [
      send('POST', fc.constant('orders'), bodyText(ORDER, m, false)),
      send(
        'POST',
        fc.constant('orders'),
        fc.constant(JSON.stringify(ORDER)), // valid, for a customer nobody is: 422, or refused earlier
      ),
      send('POST', fc.constant('customers'), bodyText(CUSTOMER, m, refusedOnly)),
      send(
        'PUT',
        id.map((sku) => `inventory/${sku}`),
        bodyText({ available: 1, unitPrice: 2 }, m, refusedOnly),
        false,
      ),
      get(fc.tuple(id, query(m, ['asOf'])).map(([orderId, q]) => `orders/${orderId}${q}`)),
      get(fc.tuple(id, query(m, ['limit', 'cursor'])).map(([orderId, q]) => `orders/${orderId}/history${q}`)),
      get(fc.tuple(id, query(m, ['limit', 'cursor'])).map(([c, q]) => `customers/${c}/orders${q}`)),
      get(id.map((c) => `customers/${c}`)),
      get(id.map((sku) => `inventory/${sku}`)),
      get(fc.array(segment(m), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'))),
      methods(base, m),
      oddTargets(base, m),
    ];
    if (refusedOnly) return fc.oneof(...refused).map((request) => ({ request, markers: [m] }));
    // May be valid, and then writes: a customer or stock with hostile but acceptable text.
    const maybeValid: Array<fc.Arbitrary<RawRequest>> = [
      send(
        'POST',
        fc.constant('customers'),
        fc
          .tuple(fc.oneof(fc.constant(m), fc.string({ unit: 'grapheme', maxLength: 100 })), fc.boolean())
          .map(([name, local]) =>
            JSON.stringify({ name, email: local ? `${m}@example.com` : 'a@example.com' }),
          ),
      ),
      send(
        'PUT',
        id.map((sku) => `inventory/${sku}`),
        fc.nat({ max: 1_000_000 }).map((available) => JSON.stringify({ available })),
        false,
      ),
    ];
    return fc.oneof(...refused, ...maybeValid).map((request) => ({ request, markers: [m] }));
  });
}

/** Unknown and unsupported methods on every route (sent raw: fetch refuses the unknown ones). */
function methods(base: string, m: string): fc.Arbitrary<RawRequest> {
  const routes = ['orders', 'orders/x', 'orders/x/history', 'customers', 'customers/x', 'customers/x/orders'];
  return fc
    .tuple(
      fc.constantFrom(
        'DELETE',
        'PATCH',
        'HEAD',
        'OPTIONS',
        'TRACE',
        'CONNECT',
        'FOO',
        'get',
        'M-SEARCH',
        'PROPFIND',
        'BREW',
      ),
      fc.constantFrom(...routes, 'inventory/SKU-1', ''),
      fc.option(badJsonText(m)),
    )
    .map(([method, route, body]) => ({
      method,
      target: `${base}${route}`,
      headers: [['X-Correlation-Id', m] as const],
      ...(body === null ? {} : { body }),
    }));
}

/**
 * Request targets that are no plain path below the stage: fragments, empty queries, a doubled slash, the
 * stage without its slash. Not `*`, absolute or authority forms or another stage: API Gateway answers
 * those itself, before the API is known, with its own `{"message":"Forbidden"}` (no gateway response
 * applies), and the local cloud does the same, so they say nothing about the app.
 */
function oddTargets(base: string, m: string): fc.Arbitrary<RawRequest> {
  return fc
    .tuple(
      fc.constantFrom('GET', 'OPTIONS', 'CONNECT', 'POST'),
      fc.constantFrom(
        `${base}orders#${m}`,
        `/${base}orders`,
        `${base}orders?`,
        `${base}orders/x?&&=&`,
        `${base}orders/x;${m}`,
        base.slice(0, -1),
      ),
    )
    .map(([method, target]) => ({ method, target, headers: [['X-Correlation-Id', m] as const] }));
}

export const refusedCase = (base: string, tokens: FuzzTokens): fc.Arbitrary<FuzzCase> =>
  cases(base, tokens, true);
export const anyCase = (base: string, tokens: FuzzTokens): fc.Arbitrary<FuzzCase> =>
  cases(base, tokens, false);
