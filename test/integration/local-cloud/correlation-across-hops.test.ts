import { randomUUID } from 'node:crypto';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DEFAULT_LOCAL_CREDENTIALS, LocalCloud } from '@shop/local-cloud';
import { SAMPLE_ORDER } from '../../fixtures/orders';
import { requireOutput, testClientTokens } from '../../helpers/access-tokens';
import { appIdToken, createAppUser } from '../../helpers/app-users';
import { createCustomer } from '../../helpers/customer-client';
import { SHOP_ASSEMBLY_TIMEOUT_MS, shopAssembly } from '../../helpers/shop-assembly';

/**
 * One X-Correlation-Id followed from a request to the web app's backend through everything the order sets
 * going: the orders service, its events on the bus, the saga (orchestrated) or the services' reactions
 * (choreographed), to every log line any function writes about that order. Read from the local cloud's
 * trace, which carries each function's own log lines.
 */
let cloud: LocalCloud;
const logLines: { fn: string; line: Record<string, unknown> }[] = [];
let out: (key: string) => string;
let idToken: string;

beforeAll(async () => {
  cloud = await LocalCloud.start({
    assemblyDir: await shopAssembly(),
    apiBasePort: 0,
    endpointPort: 0,
    trace: (line) => {
      const log = /^log {6}([^:]+): (\{.*\})$/.exec(line);
      if (!log) return;
      try {
        logLines.push({
          fn: log[1] as string,
          line: JSON.parse(log[2] as string) as Record<string, unknown>,
        });
      } catch {
        // A function's plain-text line: not a structured log line, nothing to follow.
      }
    },
  });
  out = (key) => requireOutput(cloud.outputs, key);
  const token = await testClientTokens(cloud.outputs).get();
  const api = out('PublicApiUrl');
  const stocked = await fetch(`${api}inventory/${SAMPLE_ORDER.items[0]?.sku}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ available: 100, unitPrice: 4 }),
  });
  expect(stocked.status).toBe(200);
  await fetch(`${api}inventory/${SAMPLE_ORDER.items[1]?.sku}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ available: 100, unitPrice: 2 }),
  });
  const cognito = new CognitoIdentityProviderClient({
    endpoint: cloud.endpoint,
    region: 'us-east-1',
    credentials: DEFAULT_LOCAL_CREDENTIALS,
  });
  const user = await createAppUser(cognito, out('UserPoolId'), await createCustomer(api, token));
  idToken = await appIdToken(cognito, out('UserPoolClientId'), user);
  cognito.destroy();
}, SHOP_ASSEMBLY_TIMEOUT_MS + 120_000);

afterAll(async () => {
  await cloud?.stop();
});

async function placeAndFollow(sagaStyle: 'orchestration' | 'choreography') {
  const correlationId = `follow-${sagaStyle}-${randomUUID()}`;
  const headers = {
    Authorization: idToken,
    'x-api-key': out('WebBffApiKey'),
    'X-Correlation-Id': correlationId,
  };
  const { customerId: _fromTheToken, ...order } = SAMPLE_ORDER;
  const placed = await fetch(new URL('me/orders', out('WebBffUrl')), {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
    body: JSON.stringify({ ...order, sagaStyle }),
  });
  expect(placed.status).toBe(202);
  expect(placed.headers.get('x-correlation-id')).toBe(correlationId);
  const { orderId } = (await placed.json()) as { orderId: string };
  for (let attempt = 0; ; attempt++) {
    const answer = await fetch(new URL(`me/orders/${orderId}`, out('WebBffUrl')), { headers });
    // A composed view may be a 503 while the order's own part is late (a busy machine): ask again.
    const view = (await answer.json()) as { order?: { status: string }; shipment?: unknown };
    if (answer.ok && view.order?.status === 'CONFIRMED' && view.shipment !== null) break;
    if (attempt > 300) throw new Error(`Order ${orderId}: ${answer.status} ${JSON.stringify(view)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // Whatever is still on its way (a relay's last batch) has a moment to log.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  return { correlationId, orderId };
}

/** The functions each style runs for one order, by a part of their names: every one must log the id. */
const HOPS = {
  common: [
    'AppsWebBff',
    'OrdersPlaceOrder',
    'CustomersGetCustomer',
    'OrdersGetOrder',
    'PaymentsGetPayment',
    'ShippingGetShipment',
  ],
  orchestration: [
    'StartSaga',
    'LoadOrderStatus',
    'ReserveInventory',
    'ChargePayment',
    'ScheduleShipment',
    'ConfirmOrder',
  ],
  choreography: [
    'InventoryChoreographyConsumer',
    'PaymentsChoreographyConsumer',
    'ShippingChoreographyConsumer',
    'OrdersChoreographyConsumer',
  ],
};

describe.each(['orchestration', 'choreography'] as const)('one correlation id, %s', (sagaStyle) => {
  it("is on every function's log line about the order, from the app's backend to the last step", async () => {
    const { correlationId, orderId } = await placeAndFollow(sagaStyle);
    const aboutTheOrder = logLines.filter(({ line }) => JSON.stringify(line).includes(orderId));
    const withOurs = logLines.filter(({ line }) => line.correlationId === correlationId);
    expect(aboutTheOrder.length).toBeGreaterThan(0);
    // Every line that names the order carries its correlation id...
    expect(aboutTheOrder.filter(({ line }) => line.correlationId !== correlationId)).toEqual([]);
    // ...and every function the order went through logged with it: the app's backend and its parts, the
    // order placed (and its customer looked up), then each step of the saga or each service's reaction.
    const logged = new Set(withOurs.map(({ fn }) => fn));
    for (const hop of [...HOPS.common, ...HOPS[sagaStyle]]) {
      expect({ hop, logged: [...logged].some((fn) => fn.includes(hop)) }).toEqual({ hop, logged: true });
    }
  }, 120_000);
});
