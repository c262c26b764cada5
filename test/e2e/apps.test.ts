import { randomUUID } from 'node:crypto';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { App } from '../../lambdas/bff/contract';
import { SAMPLE_ORDER } from '../fixtures/orders';
import { type AppUser, appCall, appKey, newAppUser, userPoolId } from './app-users';
import { call, eventually, expectProblem } from './public-api';
import { E2E_TARGET, output } from './target';

/**
 * The shop's own apps end to end, black-box: users created for customers sign in with each app's client,
 * place, read, list and cancel orders through the app's API with their ID token and the app's key; the
 * composed view is checked against the services it comes from, and its partial answers against real
 * faults (the local cloud's crash hook, a non-production switch). Serial (one file).
 */
const endpoint = process.env.E2E_AWS_ENDPOINT;
const { customerId: _ignored, ...MY_ORDER } = SAMPLE_ORDER;
const local = E2E_TARGET === 'local' && endpoint !== undefined;

let ada: AppUser;
let bob: AppUser;
let sku: string;
beforeAll(async () => {
  [ada, bob] = await Promise.all([newAppUser(), newAppUser()]);
  sku = `APP-${randomUUID().slice(0, 8)}`;
  const set = await call('PUT', `inventory/${sku}`, {
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ available: 100, unitPrice: 6 }),
  });
  expect(set.status).toBe(200);
});

async function placeThrough(app: App, user: AppUser): Promise<string> {
  const placed = await appCall(app, 'POST', 'me/orders', {
    token: await user.idToken(app),
    headers: { 'Idempotency-Key': randomUUID() },
    body: { ...MY_ORDER, items: [{ sku, quantity: 3 }] },
  });
  expect(placed.status).toBe(202);
  const { orderId } = placed.json<{ orderId: string }>();
  expect(placed.headers.get('location')).toBe(`/me/orders/${orderId}`);
  return orderId;
}

interface WebView {
  order: { orderId: string; customerId: string; status: string; total: number; currency: string };
  customer: { customerId: string; name: string } | null;
  payment: { status: string; amount: number; currency: string } | null;
  shipment: { status: string; carrier?: string; trackingNumber?: string } | null;
  partial: { part: string; problem: { status: number; type: string }; derivedFrom?: string }[];
}

const confirmedWebView = async (user: AppUser, orderId: string) => {
  const token = await user.idToken('web');
  return eventually(async () => {
    const view = (await appCall('web', 'GET', `me/orders/${orderId}`, { token })).json<WebView>();
    // Confirmed, and its shipment labelled (the carrier answers shortly after the confirmation).
    return view.order?.status === 'CONFIRMED' && view.shipment?.trackingNumber !== undefined
      ? view
      : undefined;
  }, 45_000);
};

describe("the shop's apps, signed in", () => {
  let webOrder: string;

  it("a user signs in with the app's client: an ID token with custom:customerId that aws-jwt-verify accepts", async () => {
    const token = await ada.idToken('web');
    const verifier = CognitoJwtVerifier.create({
      userPoolId: userPoolId(),
      tokenUse: 'id',
      clientId: output('UserPoolClientId'),
    });
    if (local) {
      const jwks = await (await fetch(`${endpoint}/${userPoolId()}/.well-known/jwks.json`)).json();
      verifier.cacheJwks(jwks as Parameters<typeof verifier.cacheJwks>[0]);
    }
    await expect(verifier.verify(token)).resolves.toMatchObject({ 'custom:customerId': ada.customerId });
  });

  it('web: places an order, then answers it composed, every part agreeing with the others', async () => {
    webOrder = await placeThrough('web', ada);
    const view = await confirmedWebView(ada, webOrder);
    expect(view.order).toMatchObject({ orderId: webOrder, customerId: ada.customerId, total: 18 });
    expect(view.customer).toMatchObject({ customerId: ada.customerId, name: 'App User' });
    expect(view.payment).toEqual({
      status: 'CAPTURED',
      amount: view.order.total,
      currency: view.order.currency,
    });
    expect(view.shipment).toEqual({
      status: 'SCHEDULED',
      carrier: 'Stub Parcels',
      trackingNumber: expect.stringMatching(/^SP[0-9A-F]{16}$/),
    });
    expect(view.partial).toEqual([]);
  });

  it('mobile: places an order and answers the compact view, in fewer bytes than web for the same order', async () => {
    const orderId = await placeThrough('mobile', ada);
    const { shipment } = await confirmedWebView(ada, orderId);
    const mobile = await appCall('mobile', 'GET', `me/orders/${orderId}`, {
      token: await ada.idToken('mobile'),
    });
    expect(mobile.json()).toEqual({
      orderId,
      status: 'CONFIRMED',
      total: 18,
      currency: 'EUR',
      itemCount: 3,
      shipment: { status: 'SCHEDULED', trackingNumber: shipment?.trackingNumber },
      partial: [],
    });
    const web = await appCall('web', 'GET', `me/orders/${orderId}`, { token: await ada.idToken('web') });
    expect(mobile.text.length).toBeLessThan(web.text.length / 2);
  });

  it("lists the user's own orders: web as views, mobile as compact rows", async () => {
    const web = await appCall('web', 'GET', 'me/orders?limit=10', { token: await ada.idToken('web') });
    const webItems = web.json<{ items: { orderId: string; customerId: string }[] }>().items;
    expect(webItems.length).toBe(2);
    expect(webItems.every((order) => order.customerId === ada.customerId)).toBe(true);
    const mobile = await appCall('mobile', 'GET', 'me/orders', { token: await ada.idToken('mobile') });
    const rows = mobile.json<{ items: Record<string, unknown>[] }>().items;
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual([
      'createdAt',
      'currency',
      'itemCount',
      'orderId',
      'status',
      'total',
    ]);
    expect((await appCall('web', 'GET', 'me/orders', { token: await bob.idToken('web') })).json()).toEqual({
      items: [],
    });
  });

  it("another customer's order is a 404 in both apps, for reading and for cancelling", async () => {
    for (const app of ['web', 'mobile'] as const) {
      const token = await bob.idToken(app);
      expectProblem(await appCall(app, 'GET', `me/orders/${webOrder}`, { token }), 404);
      expectProblem(await appCall(app, 'POST', `me/orders/${webOrder}/cancel`, { token }), 404);
    }
    const view = await appCall('web', 'GET', `me/orders/${webOrder}`, { token: await ada.idToken('web') });
    expect(view.json<WebView>().order.status).toBe('CONFIRMED');
  });

  it('401 without a valid ID token, 403 without the app’s own key: problem+json from the gateway', async () => {
    const token = await ada.idToken('web');
    const route = `me/orders/${webOrder}`;
    expectProblem(await appCall('web', 'GET', route, { token: null }), 401);
    const tampered = `${token.slice(0, -6)}${token.slice(-6) === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA'}`;
    expectProblem(await appCall('web', 'GET', route, { token: tampered }), 401);
    expectProblem(await appCall('web', 'GET', route, { token, key: null }), 403);
    expectProblem(await appCall('web', 'GET', route, { token, key: 'not-a-key-of-this-shop-at-all' }), 403);
    // One app's key is not the other's: each is bound to its own app's usage plan.
    expectProblem(await appCall('mobile', 'GET', route, { token, key: appKey('web') }), 403);
  });

  it('cancels a confirmed order through the app: 202, then CANCELLED with the payment refunded', async () => {
    const token = await ada.idToken('web');
    const cancelled = await appCall('web', 'POST', `me/orders/${webOrder}/cancel`, { token });
    expect(cancelled.status).toBe(202);
    const view = await eventually(async () => {
      const v = (await appCall('web', 'GET', `me/orders/${webOrder}`, { token })).json<WebView>();
      return v.order.status === 'CANCELLED' && v.payment?.status === 'REFUNDED' ? v : undefined;
    }, 45_000);
    expect(view.shipment).toEqual({ status: 'CANCELLED' });
  });
});

(local ? describe : describe.skip)(
  'partial answers, with a backend crashed or slow (the local crash hook)',
  () => {
    const lambda = new LambdaClient({
      region: 'us-east-1',
      ...(endpoint ? { endpoint, credentials: { accessKeyId: 'e2e', secretAccessKey: 'e2e' } } : {}),
    });
    afterAll(async () => {
      await fetch(`${endpoint}/_local/lambda/crashes`, { method: 'DELETE' });
      lambda.destroy();
    });

    async function getPaymentFunction(): Promise<string> {
      const { Functions = [] } = await lambda.send(new ListFunctionsCommand({}));
      const found = Functions.find((fn) => fn.Description?.startsWith('GET /payments/{orderId}'));
      if (!found?.FunctionName) throw new Error('No get-payment function listed');
      return found.FunctionName;
    }

    /** Crashes get-payment for this request only (its correlation id), after holding it `delayMs`. */
    async function crashPaymentsFor(correlationId: string, delayMs: number) {
      const armed = await fetch(`${endpoint}/_local/lambda/crashes`, {
        method: 'POST',
        body: JSON.stringify({
          functionName: await getPaymentFunction(),
          times: 1,
          delayMs,
          payloadContains: correlationId,
        }),
      });
      expect(armed.status).toBe(200);
    }

    let orderId: string;
    beforeAll(async () => {
      orderId = await placeThrough('web', ada);
      await confirmedWebView(ada, orderId);
    });

    it('a failing payments service: the answer without it, named in partial, as the confirmed order implies', async () => {
      const correlationId = `apps-e2e-${randomUUID()}`;
      await crashPaymentsFor(correlationId, 0);
      const response = await appCall('web', 'GET', `me/orders/${orderId}`, {
        token: await ada.idToken('web'),
        headers: { 'X-Correlation-Id': correlationId },
      });
      expect(response.status).toBe(200);
      const view = response.json<WebView>();
      expect(view.partial).toEqual([
        {
          part: 'payment',
          derivedFrom: 'order',
          problem: expect.objectContaining({
            status: 502,
            type: 'https://shop.example/problems/part-failed',
          }),
        },
      ]);
      expect(view.payment).toEqual({
        status: 'CAPTURED',
        amount: view.order.total,
        currency: view.order.currency,
      });
      expect(view.customer).not.toBeNull();
    });

    it('a slow payments service: the answer at its part timeout, without waiting for it', async () => {
      const correlationId = `apps-e2e-${randomUUID()}`;
      // The call is held 20 s: far past the part's timeout, so the part is late.
      await crashPaymentsFor(correlationId, 20_000);
      const started = Date.now();
      const response = await appCall('web', 'GET', `me/orders/${orderId}`, {
        token: await ada.idToken('web'),
        headers: { 'X-Correlation-Id': correlationId },
      });
      const view = response.json<WebView>();
      expect(view.partial).toEqual([
        expect.objectContaining({ part: 'payment', problem: expect.objectContaining({ status: 504 }) }),
      ]);
      // Not a timing assertion on speed: the answer came before the held call could have ended.
      expect(Date.now() - started).toBeLessThan(20_000);
    });
  },
);

describe("the apps' usage plans", () => {
  it('over the app’s throttle, the gateway answers 429 problem+json', async () => {
    const token = await ada.idToken('mobile');
    // Mobile's local plan allows 25 at once and 25 a second: 150 sent together go past it even if
    // they arrive over a few seconds on a busy machine.
    const answers = await Promise.all(
      Array.from({ length: 150 }, () => appCall('mobile', 'GET', 'me/orders?limit=1', { token })),
    );
    const throttled = answers.filter((answer) => answer.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    expectProblem(throttled[0] as (typeof throttled)[number], 429);
    expect(answers.every((answer) => answer.status === 200 || answer.status === 429)).toBe(true);
  });
});
