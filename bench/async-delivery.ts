import { randomUUID } from 'node:crypto';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient, type DynamoDBClientConfig, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { LocalCloud } from '@shop/local-cloud';
import WebSocket from 'ws';
import { PENDING_RETRY_AFTER_SECONDS } from '../lambdas/orders/contract';
import { SAMPLE_ORDER } from '../test/fixtures/orders';
import { requireOutput, testClientTokens } from '../test/helpers/access-tokens';
import { appIdToken, createAppUser } from '../test/helpers/app-users';
import { createCustomer } from '../test/helpers/customer-client';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../test/helpers/dynamodb-local';
import { WebhookReceiver } from '../test/helpers/webhook-receiver';
import { type Summary, summarize } from './stats';

/**
 * The async response styles on the local cloud, measured on the same confirmed orders: how long after the
 * order's confirmation (its event's `occurredAt`, the view's `updatedAt`) its customer hears of it by
 * signed callback and by WebSocket push, and how long shipping's label request waits for the carrier's
 * reply over SQS (the shipment's `requestedAt` to `settledAt`). One machine, one clock.
 */
export interface AsyncDeliveryBench {
  readonly orders: number;
  readonly callback: Summary;
  readonly webSocket: Summary;
  readonly labelReply: Summary;
  /** `Retry-After` on a PENDING order: the interval a poller is told to use. */
  readonly retryAfterMs: number;
}

const ORDERS = Number(process.env.BENCH_ASYNC_ORDERS ?? 30);
const WAIT_MS = 30_000;

export async function measureAsyncDelivery(assemblyDir: string): Promise<AsyncDeliveryBench> {
  const cloud = await LocalCloud.start({ assemblyDir, apiBasePort: 0, endpointPort: 0 });
  const aws = { endpoint: cloud.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const receiver = await WebhookReceiver.start();
  let socket: WebSocket | undefined;
  try {
    const out = (key: string) => requireOutput(cloud.outputs, key);
    const api = out('PublicApiUrl');
    const token = await testClientTokens(cloud.outputs).get();
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const customerId = await createCustomer(api, token);
    const cognito = new CognitoIdentityProviderClient(aws);
    const user = await createAppUser(cognito, out('UserPoolId'), customerId);
    const url = new URL(out('WebSocketUrl'));
    url.searchParams.set('token', await appIdToken(cognito, out('UserPoolClientId'), user));
    const pushed = new Map<string, number>();
    socket = await new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as {
        type: string;
        data?: { orderId: string; status: string; updatedAt: string };
      };
      if (message.type === 'order.updated' && message.data?.status === 'CONFIRMED')
        pushed.set(message.data.orderId, Date.now() - Date.parse(message.data.updatedAt));
    });
    const sku = `BENCH-${randomUUID().slice(0, 8)}`;
    const stocked = await fetch(`${api}inventory/${sku}`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ available: 10_000, unitPrice: 3 }),
    });
    if (stocked.status !== 200) throw new Error(`Stocking ${sku}: ${stocked.status}`);
    const shipments = await shipmentsTable(aws);
    const documents = DynamoDBDocumentClient.from(new DynamoDBClient(aws));

    const order = async () => {
      const callbackUrl = receiver.endpoint('bench');
      const placed = await fetch(`${api}orders`, {
        method: 'POST',
        headers: { ...headers, 'Idempotency-Key': randomUUID() },
        body: JSON.stringify({ ...SAMPLE_ORDER, customerId, items: [{ sku, quantity: 1 }], callbackUrl }),
      });
      if (placed.status !== 202) throw new Error(`POST /orders: ${placed.status} ${await placed.text()}`);
      const { orderId } = (await placed.json()) as { orderId: string };
      socket?.send(JSON.stringify({ action: 'subscribe', orderId }));
      const callback = await until(() => {
        const [delivery] = receiver.to(callbackUrl);
        if (delivery === undefined) return undefined;
        const { timestamp } = JSON.parse(delivery.body) as { timestamp: string };
        return delivery.receivedAt - Date.parse(timestamp);
      });
      const webSocket = await until(() => pushed.get(orderId));
      const label = await until(async () => {
        const { Item } = await documents.send(new GetCommand({ TableName: shipments, Key: { orderId } }));
        const settled = Item?.label as
          | { status: string; requestedAt: string; settledAt?: string }
          | undefined;
        return settled?.settledAt
          ? Date.parse(settled.settledAt) - Date.parse(settled.requestedAt)
          : undefined;
      });
      return { callback, webSocket, label };
    };
    await order(); // warm-up: every function on the three paths started
    const samples = [];
    for (let n = 0; n < ORDERS; n++) samples.push(await order());
    return {
      orders: ORDERS,
      callback: summarize(samples.map((s) => s.callback)),
      webSocket: summarize(samples.map((s) => s.webSocket)),
      labelReply: summarize(samples.map((s) => s.label)),
      retryAfterMs: PENDING_RETRY_AFTER_SECONDS * 1000,
    };
  } finally {
    socket?.close();
    await receiver.close();
    await cloud.stop();
  }
}

/** The value `probe` gives, polled every 5 ms for up to 30 s. */
async function until<T>(probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Nothing within ${WAIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The shipping service's Shipments table, by its name on the local endpoint. */
async function shipmentsTable(aws: DynamoDBClientConfig): Promise<string> {
  const { TableNames = [] } = await new DynamoDBClient(aws).send(new ListTablesCommand({}));
  const found = TableNames.filter((name) => /Shipping.*Shipments/.test(name));
  if (found.length !== 1)
    throw new Error(`Expected one Shipments table, found ${found.join(', ') || 'none'}`);
  return found[0] as string;
}
