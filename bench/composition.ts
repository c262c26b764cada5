import { randomUUID } from 'node:crypto';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { LocalCloud } from '@shop/local-cloud';
import type { App } from '../lambdas/bff/contract';
import { signedFetch } from '../lambdas/shared/http/signed-fetch';
import { SAMPLE_ORDER } from '../test/fixtures/orders';
import { requireOutput, testClientTokens } from '../test/helpers/access-tokens';
import { appIdToken, createAppUser } from '../test/helpers/app-users';
import { createCustomer } from '../test/helpers/customer-client';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../test/helpers/dynamodb-local';
import { type Summary, summarize } from './stats';

/**
 * The apps' composed order on the local cloud (`GET /me/orders/{orderId}`): its latency next to each
 * part's own (the same internal API call the BFF makes, signed, through the same gateway), so the price
 * of composing is a ratio to the slowest part; then with payments held past its part timeout (the crash
 * hook's delay), whose answers must stay within the deadline; and the bytes each app's answer takes.
 */
export interface CompositionBench {
  readonly rounds: number;
  readonly composed: Readonly<Record<App, Summary>>;
  /** Each part alone, by the service it comes from. */
  readonly parts: Readonly<Record<string, Summary>>;
  readonly slowestPart: string;
  /**
   * The four parts called at once from outside (no BFF), the slowest of each round: what parallel loading
   * can reach on this machine, where four function processes share its cores (on Lambda each has its own).
   */
  readonly partsAtOnce: Summary;
  /**
   * The web app's hop alone: the same route for an id that cannot exist (the function answers 404 before
   * any part is asked), so gateway, authorizer, key and one function, with nothing composed.
   */
  readonly hop: Summary;
  /** With payments held: the web answer, and the stage's deadline and part timeout it is bounded by. */
  readonly delayed: {
    readonly composed: Summary;
    readonly deadlineMs: number;
    readonly partTimeoutMs: number;
  };
  readonly bytes: Readonly<Record<App, number>>;
}

const ROUNDS = 60;
const WARM_UP = 8;
const DELAYED_ROUNDS = 12;
const DELAYED_CONCURRENCY = 4;

/** The parts of the web answer, at the internal API route each comes from (outputs key, path). */
const PARTS = (orderId: string, customerId: string) =>
  ({
    orders: ['OrdersInternalApiUrl', `orders/${orderId}`],
    customers: ['CustomersInternalApiUrl', `customers/${customerId}`],
    payments: ['PaymentsInternalApiUrl', `payments/${orderId}`],
    shipping: ['ShippingInternalApiUrl', `shipments/${orderId}`],
  }) as const;

export async function measureComposition(
  assemblyDir: string,
  stage: { readonly deadlineMs: number; readonly partTimeoutMs: number },
): Promise<CompositionBench> {
  const cloud = await LocalCloud.start({ assemblyDir, apiBasePort: 0, endpointPort: 0 });
  const aws = { endpoint: cloud.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const cognito = new CognitoIdentityProviderClient(aws);
  const lambda = new LambdaClient(aws);
  try {
    const out = (key: string) => requireOutput(cloud.outputs, key);
    const api = out('PublicApiUrl');
    const token = await testClientTokens(cloud.outputs).get();
    const customerId = await createCustomer(api, token);
    const user = await createAppUser(cognito, out('UserPoolId'), customerId);
    const idTokens = {
      web: await appIdToken(cognito, out('UserPoolClientId'), user),
      mobile: await appIdToken(cognito, out('MobileUserPoolClientId'), user),
    };
    const appGet = async (app: App, route: string, headers: Record<string, string> = {}, expected = 200) => {
      const started = performance.now();
      const response = await fetch(new URL(route, out(app === 'web' ? 'WebBffUrl' : 'MobileBffUrl')), {
        headers: {
          Authorization: idTokens[app],
          'x-api-key': out(app === 'web' ? 'WebBffApiKey' : 'MobileBffApiKey'),
          ...headers,
        },
      });
      const text = await response.text();
      if (response.status !== expected) throw new Error(`GET ${route} (${app}): ${response.status} ${text}`);
      return { ms: performance.now() - started, text };
    };
    const hopGet = () => appGet('web', 'me/orders/not-an-order-id', {}, 404);

    const orderId = await confirmedOrder(api, token, idTokens.web, out('WebBffUrl'), out('WebBffApiKey'));
    // The shared key may call any internal API method: the same route and gateway a part takes.
    const signed = signedFetch({ region: LOCAL_REGION, credentials: async () => LOCAL_CREDENTIALS });
    const parts = Object.entries(PARTS(orderId, customerId));
    const partGet = async ([, [urlKey, path]]: (typeof parts)[number]) => {
      const started = performance.now();
      const response = await signed(new URL(path, out(urlKey)).toString(), { method: 'GET' });
      await response.text();
      if (response.status !== 200) throw new Error(`GET ${path}: ${response.status}`);
      return performance.now() - started;
    };

    for (let n = 0; n < WARM_UP; n++) {
      await appGet('web', `me/orders/${orderId}`);
      await appGet('mobile', `me/orders/${orderId}`);
      for (const part of parts) await partGet(part);
      await hopGet();
    }
    const composed: Record<App, number[]> = { web: [], mobile: [] };
    const partMs: Record<string, number[]> = Object.fromEntries(parts.map(([name]) => [name, []]));
    const atOnce: number[] = [];
    const hop: number[] = [];
    // Interleaved, so that whatever disturbs the machine disturbs every series alike.
    for (let n = 0; n < ROUNDS; n++) {
      composed.web.push((await appGet('web', `me/orders/${orderId}`)).ms);
      composed.mobile.push((await appGet('mobile', `me/orders/${orderId}`)).ms);
      for (const part of parts) partMs[part[0]]?.push(await partGet(part));
      atOnce.push(Math.max(...(await Promise.all(parts.map(partGet)))));
      hop.push((await hopGet()).ms);
    }
    const partSummaries = Object.fromEntries(
      Object.entries(partMs).map(([name, ms]) => [name, summarize(ms)]),
    );
    const slowestPart =
      Object.entries(partSummaries).sort(([, a], [, b]) => b.medianMs - a.medianMs)[0]?.[0] ?? '';

    const delayed = await heldPayments(lambda, cloud.endpoint, stage, (correlationId) =>
      appGet('web', `me/orders/${orderId}`, { 'X-Correlation-Id': correlationId }),
    );
    const bytes = {
      web: Buffer.byteLength((await appGet('web', `me/orders/${orderId}`)).text),
      mobile: Buffer.byteLength((await appGet('mobile', `me/orders/${orderId}`)).text),
    };
    return {
      rounds: ROUNDS,
      composed: { web: summarize(composed.web), mobile: summarize(composed.mobile) },
      parts: partSummaries,
      slowestPart,
      partsAtOnce: summarize(atOnce),
      hop: summarize(hop),
      delayed: { composed: summarize(delayed), ...stage },
      bytes,
    };
  } finally {
    cognito.destroy();
    lambda.destroy();
    await cloud.stop();
  }
}

/** An order placed through the web app and confirmed, so that every part of its answer exists. */
async function confirmedOrder(api: string, token: string, idToken: string, webUrl: string, webKey: string) {
  const sku = `BENCH-${randomUUID().slice(0, 8)}`;
  const stocked = await fetch(`${api}inventory/${sku}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ available: 100, unitPrice: 5 }),
  });
  if (stocked.status !== 200) throw new Error(`Stocking ${sku}: ${stocked.status}`);
  const { customerId: _theTokens, ...order } = SAMPLE_ORDER;
  const me = { Authorization: idToken, 'x-api-key': webKey };
  const placed = await fetch(new URL('me/orders', webUrl), {
    method: 'POST',
    headers: { ...me, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
    body: JSON.stringify({ ...order, items: [{ sku, quantity: 2 }] }),
  });
  const { orderId } = (await placed.json()) as { orderId: string };
  for (let attempt = 0; attempt < 300; attempt++) {
    const view = (await (await fetch(new URL(`me/orders/${orderId}`, webUrl), { headers: me })).json()) as {
      order: { status: string };
      shipment: unknown;
    };
    if (view.order.status === 'CONFIRMED' && view.shipment !== null) return orderId;
    if (view.order.status !== 'PENDING') throw new Error(`Order ${orderId} ended ${view.order.status}.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Order ${orderId} was not confirmed in time.`);
}

/**
 * The web answer while payments is slow: each request's get-payment call held past the deadline by the
 * local crash hook (aimed at that request's correlation id), a few requests at a time.
 */
async function heldPayments(
  lambda: LambdaClient,
  endpoint: string,
  stage: { readonly deadlineMs: number },
  get: (correlationId: string) => Promise<{ ms: number }>,
): Promise<number[]> {
  const { Functions = [] } = await lambda.send(new ListFunctionsCommand({}));
  const getPayment = Functions.find((fn) =>
    fn.Description?.startsWith('GET /payments/{orderId}'),
  )?.FunctionName;
  if (!getPayment) throw new Error('No get-payment function listed.');
  const samples: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: DELAYED_CONCURRENCY }, async () => {
      while (next < DELAYED_ROUNDS) {
        next++;
        const correlationId = `bench-held-${randomUUID()}`;
        const armed = await fetch(`${endpoint}/_local/lambda/crashes`, {
          method: 'POST',
          body: JSON.stringify({
            functionName: getPayment,
            times: 1,
            delayMs: stage.deadlineMs + 2_000,
            payloadContains: correlationId,
          }),
        });
        if (armed.status !== 200) throw new Error(`Arming the hold: ${await armed.text()}`);
        samples.push((await get(correlationId)).ms);
      }
    }),
  );
  await fetch(`${endpoint}/_local/lambda/crashes`, { method: 'DELETE' });
  return samples;
}
