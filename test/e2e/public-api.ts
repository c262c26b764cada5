import { randomUUID } from 'node:crypto';
import { testClientTokens } from '../helpers/access-tokens';
import { createCustomer as createCustomerThrough } from '../helpers/customer-client';
import { output, readOutputs } from './target';

/**
 * The public API as a client sees it: HTTP only, its URL and its token endpoint from the outputs file,
 * an access token of the stage's test client on every call unless a test says otherwise. Shared by every
 * e2e suite, so each runs unchanged against the local cloud, LocalStack and AWS.
 */
const api = output('PublicApiUrl'); // ends with the stage and a slash, as API Gateway's URL does
const tokens = testClientTokens(readOutputs());

/** An access token of the test client: every scope it has, or just those asked for (`shop/orders.read`). */
export const accessToken = (scopes: readonly string[] = []) => tokens.get(scopes);

export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  json<T = Record<string, unknown>>(): T;
}

/**
 * One request to the public API. `token`: the access token to send (default: the test client's, every
 * scope); `null` sends none, as an anonymous caller would.
 */
export async function call(
  method: string,
  route: string,
  init: { headers?: Record<string, string>; body?: string; token?: string | null } = {},
): Promise<ApiResponse> {
  const token = init.token === undefined ? await accessToken() : init.token;
  const headers = { ...(token === null ? {} : { Authorization: `Bearer ${token}` }), ...init.headers };
  const response = await fetch(new URL(route, api), { method, headers, body: init.body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: <T>() => JSON.parse(text) as T };
}

export const placeOrder = (
  body: unknown,
  key: string | null = randomUUID(),
  extra: Record<string, string> = {},
) =>
  call('POST', 'orders', {
    headers: { 'Content-Type': 'application/json', ...(key ? { 'Idempotency-Key': key } : {}), ...extra },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

export const createCustomer = (body: unknown, key: string | null = randomUUID()) =>
  call('POST', 'customers', {
    headers: { 'Content-Type': 'application/json', ...(key ? { 'Idempotency-Key': key } : {}) },
    body: JSON.stringify(body),
  });

/** A new customer's id: orders are accepted only for customers the customers service knows. */
export const newCustomerId = async (name?: string) => createCustomerThrough(api, await accessToken(), name);

export function expectProblem(response: ApiResponse, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = response.json();
  expect(problem).toMatchObject({
    type: expect.any(String),
    title: expect.any(String),
    detail: expect.any(String),
  });
  return problem;
}

/**
 * Polls until `probe` returns a value, as a client of an eventually consistent read model does; fails
 * with the last answer after `timeoutMs`.
 */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs = 20_000,
  everyMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Not there after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
