import { randomUUID } from 'node:crypto';
import { call, newCustomerId, placeOrder } from '../../test/e2e/public-api';
import { SAMPLE_ORDER } from '../../test/fixtures/orders';
import type { OrderPath } from './fault-matrix';

/**
 * Orders placed for the chaos engine through the public API's helpers (so whatever they add, a token say,
 * reaches this too): each on a SKU of its own with a known stock, so that what its saga did to the stock
 * can be told apart from every other order's, and with a correlation id of its own, which every saga step
 * receives, so that a crash can be aimed at this order alone.
 */
export const STOCK = 10;
export const QUANTITY = 2;
export const UNIT_PRICE = 4;

export interface PlacedOrder {
  readonly orderId: string;
  readonly sku: string;
  readonly correlationId: string;
}

/** A new SKU stocked with STOCK units, through the inventory test hook of non-production stages. */
async function newSku(): Promise<string> {
  const sku = `CHAOS-${randomUUID().slice(0, 8)}`;
  const set = await call('PUT', `inventory/${sku}`, {
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ available: STOCK, unitPrice: UNIT_PRICE }),
  });
  if (set.status !== 200) throw new Error(`PUT inventory/${sku}: ${set.status} ${set.text}`);
  return sku;
}

/** A customer for one round's orders (chaos orders are never placed for another suite's customers). */
export const chaosCustomer = () => newCustomerId('Chaos Monkey');

/**
 * Everything an order needs before it is placed: its SKU and correlation id (a crash can be armed for it
 * before the saga can start). `place` then places it: the order, or undefined when the API did not accept
 * it (no 202: not an accepted order, so none can be lost).
 */
export async function prepareOrder(
  customerId: string,
  path: OrderPath,
): Promise<{ correlationId: string; place: () => Promise<PlacedOrder | undefined> }> {
  const sku = await newSku();
  const correlationId = `chaos-${randomUUID()}`;
  const body = {
    ...SAMPLE_ORDER,
    customerId,
    items: [{ sku, quantity: QUANTITY }],
    paymentToken: path === 'declined' ? 'tok_declined' : 'tok_ok',
    shippingAddress: { ...SAMPLE_ORDER.shippingAddress, country: path === 'unshippable' ? 'XX' : 'GB' },
  };
  return {
    correlationId,
    async place() {
      const placed = await placeOrder(body, randomUUID(), { 'X-Correlation-Id': correlationId });
      if (placed.status !== 202) return undefined;
      return { orderId: placed.json<{ orderId: string }>().orderId, sku, correlationId };
    },
  };
}

export interface OrderState {
  readonly status: string;
  readonly total: number | null;
  readonly rejectionReason?: string;
}

/**
 * The order as its events say now (`asOf` reads the event store, never the lagging read model; the end of
 * time is "now" whatever the clocks), or undefined when there is no such order.
 */
export async function orderState(orderId: string): Promise<OrderState | undefined> {
  const response = await call('GET', `orders/${orderId}?asOf=9999-12-31T23:59:59Z`);
  if (response.status === 404) return undefined;
  if (response.status !== 200) throw new Error(`GET orders/${orderId}: ${response.status} ${response.text}`);
  return response.json<OrderState>();
}

export async function stockOf(sku: string): Promise<{ available: number; reserved: number }> {
  const response = await call('GET', `inventory/${sku}`);
  if (response.status !== 200) throw new Error(`GET inventory/${sku}: ${response.status}`);
  return response.json<{ available: number; reserved: number }>();
}
