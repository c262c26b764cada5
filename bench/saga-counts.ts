import { randomUUID } from 'node:crypto';
import { LocalCloud } from '@shop/local-cloud';
import type { SagaStyle } from '../lambdas/orders/contract';
import { SAMPLE_ORDER } from '../test/fixtures/orders';
import { testClientTokens } from '../test/helpers/access-tokens';
import { createCustomer } from '../test/helpers/customer-client';

/**
 * What one order does on the local cloud, by saga style, counted from the local cloud's own trace (the
 * timeline `npm start -- --trace` prints): every Lambda invocation, every event put on the bus (the
 * relays' and publisher's PutEvents entries), every rule delivery, every SQS message a consumer received,
 * every stream batch, every state entered. Orders run one at a time, each to its decision, so everything
 * traced belongs to some order; the read model's polling (GET /orders) is left out.
 */
export interface SagaCounts {
  readonly orders: number;
  readonly lambdaInvocations: number;
  readonly eventsPublished: number;
  readonly ruleDeliveries: number;
  readonly sqsMessages: number;
  readonly streamBatches: number;
  readonly stateTransitions: number;
}

const POLLING_FUNCTION = /GetOrderFunction/;

export async function countPerOrder(
  assemblyDir: string,
  style: SagaStyle,
  orders: number,
): Promise<SagaCounts> {
  const counts = {
    lambdaInvocations: 0,
    eventsPublished: 0,
    ruleDeliveries: 0,
    sqsMessages: 0,
    streamBatches: 0,
    stateTransitions: 0,
  };
  let counting = false;
  const trace = (line: string) => {
    if (!counting) return;
    // `<kind padded to 8> <what>`, as the local cloud traces (the CLI adds the time in front).
    const [, kind = '', rest = ''] = /^(\S+)\s+(.*)$/.exec(line) ?? [];
    if (kind === 'lambda' && rest.startsWith('-> ') && !POLLING_FUNCTION.test(rest))
      counts.lambdaInvocations++;
    if (kind === 'events' && rest.startsWith('event ')) counts.ruleDeliveries++;
    if (kind === 'streams') counts.streamBatches++;
    if (kind === 'states' && rest.endsWith(' entered')) counts.stateTransitions++;
    if (kind === 'sqs')
      counts.sqsMessages += (
        JSON.parse(rest.slice(rest.indexOf('{'))) as { messageIds: string[] }
      ).messageIds.length;
    if (kind === 'log' && rest.includes('"message":"published"')) {
      counts.eventsPublished += (JSON.parse(rest.slice(rest.indexOf('{'))) as { records: number }).records;
    }
  };
  const cloud = await LocalCloud.start({ assemblyDir, apiBasePort: 0, endpointPort: 0, trace });
  try {
    const api = Object.values(cloud.outputs).find((o) => o.PublicApiUrl)?.PublicApiUrl;
    if (api === undefined) throw new Error('The local cloud has no PublicApiUrl output.');
    const token = await testClientTokens(cloud.outputs).get();
    const request = (url: string, method: string, body?: unknown) =>
      fetch(url, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': randomUUID(),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }).then((response) => response.json() as Promise<Record<string, unknown>>);
    const sku = `COUNT-${randomUUID().slice(0, 8)}`;
    await request(`${api}inventory/${sku}`, 'PUT', { available: 1_000, unitPrice: 3 });
    const order = {
      ...SAMPLE_ORDER,
      customerId: await createCustomer(api, token),
      items: [{ sku, quantity: 1 }],
      sagaStyle: style,
    };
    const placeAndWait = async () => {
      const { orderId } = (await request(`${api}orders`, 'POST', order)) as { orderId: string };
      for (;;) {
        const view = await request(`${api}orders/${orderId}`, 'GET');
        if (view.status === 'CONFIRMED') return;
        if (view.status !== 'PENDING') throw new Error(`Order ${orderId} ended ${String(view.status)}.`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    // One order first, uncounted: the very first one also starts processes and reads secrets.
    await placeAndWait();
    // Its last projection may still be on its way: let the pipeline go quiet before counting.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    counting = true;
    for (let n = 0; n < orders; n++) await placeAndWait();
    // The tail of the last order (its confirmation's projection and publication) after the read model showed it.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    counting = false;
    const per = (value: number) => Math.round((value / orders) * 10) / 10;
    return {
      orders,
      lambdaInvocations: per(counts.lambdaInvocations),
      eventsPublished: per(counts.eventsPublished),
      ruleDeliveries: per(counts.ruleDeliveries),
      sqsMessages: per(counts.sqsMessages),
      streamBatches: per(counts.streamBatches),
      stateTransitions: per(counts.stateTransitions),
    };
  } finally {
    await cloud.stop();
  }
}
