import { randomUUID } from 'node:crypto';
import { LocalCloud } from '@shop/local-cloud';
import { PENDING_RETRY_AFTER_SECONDS } from '../lambdas/orders/contract';
import { SAMPLE_ORDER } from '../test/fixtures/orders';
import { findOutput, testClientTokens } from '../test/helpers/access-tokens';
import { createCustomer } from '../test/helpers/customer-client';
import { WebhookReceiver } from '../test/helpers/webhook-receiver';
import { type Summary, summarize } from './stats';

/**
 * The async response styles on the local cloud: how long after an order's final status (its event's
 * `occurredAt`) the client hears of it by each channel, next to what polling would cost for the same wait.
 * Callbacks: the receiver's clock at the request against the callback's own `timestamp` (one machine,
 * one clock).
 */
export interface AsyncDeliveryBench {
  readonly orders: number;
  readonly callback: Summary;
  /** `Retry-After` on a PENDING order: the interval a poller is told to use. */
  readonly retryAfterMs: number;
}

const ORDERS = Number(process.env.BENCH_ASYNC_ORDERS ?? 30);

export async function measureAsyncDelivery(assemblyDir: string): Promise<AsyncDeliveryBench> {
  const cloud = await LocalCloud.start({ assemblyDir, apiBasePort: 0, endpointPort: 0 });
  const receiver = await WebhookReceiver.start();
  try {
    const api = findOutput(cloud.outputs, 'PublicApiUrl');
    if (api === undefined) throw new Error('The local cloud has no PublicApiUrl output.');
    const token = await testClientTokens(cloud.outputs).get();
    const customerId = await createCustomer(api, token);
    const place = async () => {
      const url = receiver.endpoint('bench');
      const placed = await fetch(`${api}orders`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': randomUUID(),
        },
        // Never stocked: each order is rejected OUT_OF_STOCK, a final status, a moment after it is placed.
        body: JSON.stringify({ ...SAMPLE_ORDER, customerId, callbackUrl: url }),
      });
      if (placed.status !== 202) throw new Error(`POST /orders: ${placed.status} ${await placed.text()}`);
      return url;
    };
    const heard = async (url: string) => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const [delivery] = receiver.to(url);
        if (delivery !== undefined) {
          const { timestamp } = JSON.parse(delivery.body) as { timestamp: string };
          return delivery.receivedAt - Date.parse(timestamp);
        }
        if (Date.now() > deadline) throw new Error(`No callback at ${url} within 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    await heard(await place()); // warm-up: every function on the path started
    const samples: number[] = [];
    for (let n = 0; n < ORDERS; n++) samples.push(await heard(await place()));
    return { orders: ORDERS, callback: summarize(samples), retryAfterMs: PENDING_RETRY_AFTER_SECONDS * 1000 };
  } finally {
    await receiver.close();
    await cloud.stop();
  }
}
