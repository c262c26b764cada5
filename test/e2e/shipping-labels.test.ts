import { randomUUID } from 'node:crypto';
import { CARRIER_TEST_RECIPIENTS, STUB_CARRIER_NAME } from '../../lambdas/carrier/contract';
import type { SagaStyle } from '../../lambdas/orders/contract';
import { signedFetch } from '../../lambdas/shared/http/signed-fetch';
import type { ShipmentView } from '../../lambdas/shipping/contract';
import { STAGES } from '../../lib/config/stage-config';
import { SAMPLE_ORDER } from '../fixtures/orders';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../helpers/dynamodb-local';
import { type AppUser, appCall, newAppUser } from './app-users';
import { call, eventually } from './public-api';
import { E2E_TARGET, output } from './target';

/**
 * Shipping labels by request/reply over SQS, on the real bundles: a confirmed order's shipment gets its
 * label from the stub carrier (the tracking number in the web app's shipment part); a silent carrier's
 * label is recorded failed only after every attempt's deadline (2 x 5 s locally); a carrier silent to the
 * first request labels on the second; a duplicating carrier's second reply changes nothing; a slow
 * carrier's replies, each after its request's deadline, change nothing either; an operator asks again for a
 * failed label (`POST /shipments/{orderId}/label`) and a carrier answering the third request labels it. The
 * shipment's label state is read from shipping's internal API, and the operator's route called, signed as
 * the local cloud's operator.
 */
const { customerId: _ignored, ...MY_ORDER } = SAMPLE_ORDER;
const TRACKING_NUMBER = /^SP[0-9A-F]{16}$/;
const local = E2E_TARGET === 'local';
const { labelDeadline, labelAttempts } = STAGES.local.shipping;
const DEADLINE_MS = labelDeadline.toMilliseconds();

let ada: AppUser;
let sku: string;
beforeAll(async () => {
  ada = await newAppUser();
  sku = `LBL-${randomUUID().slice(0, 8)}`;
  const set = await call('PUT', `inventory/${sku}`, {
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ available: 100, unitPrice: 4 }),
  });
  expect(set.status).toBe(200);
});

async function placeFor(recipient: string, sagaStyle: SagaStyle = 'orchestration'): Promise<string> {
  const placed = await appCall('web', 'POST', 'me/orders', {
    token: await ada.idToken('web'),
    headers: { 'Idempotency-Key': randomUUID() },
    body: {
      ...MY_ORDER,
      sagaStyle,
      items: [{ sku, quantity: 1 }],
      shippingAddress: { ...MY_ORDER.shippingAddress, name: recipient },
    },
  });
  expect(placed.status).toBe(202);
  return placed.json<{ orderId: string }>().orderId;
}

const signed = signedFetch({ region: LOCAL_REGION, credentials: async () => LOCAL_CREDENTIALS });
async function shipment(orderId: string): Promise<ShipmentView | undefined> {
  const response = await signed(
    new URL(`shipments/${orderId}`, output('ShippingInternalApiUrl')).toString(),
    {
      method: 'GET',
    },
  );
  return response.status === 200 ? ((await response.json()) as ShipmentView) : undefined;
}

/** The operators' route: the carrier asked again for a FAILED label. */
function askAgain(orderId: string): Promise<Response> {
  const url = new URL(`shipments/${orderId}/label`, output('ShippingInternalApiUrl')).toString();
  return signed(url, { method: 'POST' });
}

async function labelSettled(orderId: string, timeoutMs = 45_000): Promise<ShipmentView> {
  return eventually(async () => {
    const found = await shipment(orderId);
    return found?.label !== undefined && found.label.status !== 'REQUESTED' ? found : undefined;
  }, timeoutMs);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

(local ? describe : describe.skip)('shipping labels from the stub carrier', () => {
  it.each(['orchestration', 'choreography'] as const)(
    '%s: a confirmed order gets a tracking number in the web and mobile apps’ shipment part',
    async (sagaStyle) => {
      const orderId = await placeFor('Ada Lovelace', sagaStyle);
      const token = await ada.idToken('web');
      const view = await eventually(async () => {
        const answer = (await appCall('web', 'GET', `me/orders/${orderId}`, { token })).json<{
          order: { status: string };
          shipment: { status: string; carrier?: string; trackingNumber?: string } | null;
        }>();
        return answer.shipment?.trackingNumber === undefined ? undefined : answer;
      }, 45_000);
      expect(view.order.status).toBe('CONFIRMED');
      expect(view.shipment).toEqual({
        status: 'SCHEDULED',
        carrier: STUB_CARRIER_NAME,
        trackingNumber: expect.stringMatching(TRACKING_NUMBER),
      });
      const mobile = await appCall('mobile', 'GET', `me/orders/${orderId}`, {
        token: await ada.idToken('mobile'),
      });
      expect(mobile.json<{ shipment: unknown }>().shipment).toEqual({
        status: 'SCHEDULED',
        trackingNumber: view.shipment?.trackingNumber,
      });
      const labelled = await shipment(orderId);
      expect(labelled?.label).toEqual({ status: 'LABELLED' });
    },
  );

  it('a silent carrier: the label is recorded failed (CARRIER_TIMEOUT) only after every attempt’s deadline, no tracking number', async () => {
    const placedAt = Date.now();
    const orderId = await placeFor(CARRIER_TEST_RECIPIENTS.silent);
    // The request is recorded first (its label pending), then settled by the deadline.
    await eventually(async () => {
      const found = await shipment(orderId);
      return found?.label !== undefined ? found : undefined;
    }, 45_000);
    const failed = await labelSettled(orderId);
    expect(failed).toMatchObject({
      status: 'SCHEDULED',
      label: { status: 'FAILED', reason: 'CARRIER_TIMEOUT' },
    });
    expect(failed.trackingNumber).toBeUndefined();
    // Each attempt waited out its deadline before the next was sent (the request itself came after placing).
    expect(Date.now() - placedAt).toBeGreaterThanOrEqual(labelAttempts * DEADLINE_MS);
  });

  it('a carrier silent to the first request: labelled on the second attempt, and that request’s deadline changes nothing after', async () => {
    const placedAt = Date.now();
    const orderId = await placeFor(CARRIER_TEST_RECIPIENTS.silentOnce);
    const labelled = await labelSettled(orderId);
    expect(labelled).toMatchObject({
      label: { status: 'LABELLED' },
      carrier: STUB_CARRIER_NAME,
      trackingNumber: expect.stringMatching(TRACKING_NUMBER),
    });
    // Asked again only once the first request's deadline had passed.
    expect(Date.now() - placedAt).toBeGreaterThanOrEqual(DEADLINE_MS);
    // Past the second request's deadline too: nothing moves the label.
    await sleep(DEADLINE_MS + 1_000);
    expect(await shipment(orderId)).toEqual(labelled);
  });

  it('an operator asks again for a failed label: 202 REQUESTED, labelled by a carrier that answers the third request; asked again once labelled: 409', async () => {
    // Silent to the local stage's two attempts: the operator's request is the third.
    expect(labelAttempts).toBe(2);
    const orderId = await placeFor(CARRIER_TEST_RECIPIENTS.silentTwice);
    const failed = await labelSettled(orderId);
    expect(failed.label).toEqual({ status: 'FAILED', reason: 'CARRIER_TIMEOUT' });
    const asked = await askAgain(orderId);
    expect(asked.status).toBe(202);
    expect(await asked.json()).toMatchObject({
      orderId,
      status: 'SCHEDULED',
      label: { status: 'REQUESTED' },
    });
    const labelled = await labelSettled(orderId);
    expect(labelled).toMatchObject({
      label: { status: 'LABELLED' },
      carrier: STUB_CARRIER_NAME,
      trackingNumber: expect.stringMatching(TRACKING_NUMBER),
    });
    const again = await askAgain(orderId);
    expect(again.status).toBe(409);
    expect(again.headers.get('Content-Type')).toContain('application/problem+json');
    expect(await again.json()).toMatchObject({
      status: 409,
      detail: expect.stringContaining('has its label'),
    });
  });

  it('a duplicating carrier: one label, the second reply changes nothing', async () => {
    const orderId = await placeFor(CARRIER_TEST_RECIPIENTS.duplicating);
    const labelled = await labelSettled(orderId);
    expect(labelled).toMatchObject({ label: { status: 'LABELLED' }, carrier: STUB_CARRIER_NAME });
    // Past the deadline too: neither the duplicate nor the deadline moves the label.
    await sleep(6_000);
    expect(await shipment(orderId)).toEqual(labelled);
  });

  it('a slow carrier, answering each request after its deadline: the failure stands, the late replies change nothing', async () => {
    const orderId = await placeFor(CARRIER_TEST_RECIPIENTS.slow);
    const failed = await labelSettled(orderId);
    expect(failed.label).toEqual({ status: 'FAILED', reason: 'CARRIER_TIMEOUT' });
    // Each slow reply comes 8 s after its request (3 s after its deadline: the first's while the second
    // request is pending, the last's after the failure); give the last time to arrive.
    await sleep(6_000);
    expect(await shipment(orderId)).toEqual(failed);
  });
});
