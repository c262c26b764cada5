import type { PartBreaker } from '../../../lambdas/bff/composition/compose';
import { BackendFailure } from '../../../lambdas/bff/domain/part-problem';
import { bffHandler } from '../../../lambdas/bff/handlers/bff-handler';
import type { RelayedAnswer, ShopBackends } from '../../../lambdas/bff/ports/shop-backends';
import type { MyOrdersDeps } from '../../../lambdas/bff/use-cases/my-orders';
import type { CustomerProfile } from '../../../lambdas/customers/contract';
import type { OrderViewAnswer, PlaceOrderRequest } from '../../../lambdas/orders/contract';
import type { PaymentView } from '../../../lambdas/payments/contract';
import type { ShipmentView } from '../../../lambdas/shipping/contract';
import { apiEvent, lambdaContext } from '../../helpers/api-gateway-event';

const ADA = 'cus_0123456789abcdef0123456789abcdef';
const BOB = 'cus_fedcba9876543210fedcba9876543210';
const ADAS_ORDER = '3f2b8c1e-9a4d-4e7b-8f6a-2c5d1e0b9a87';
const BOBS_ORDER = '0f2b8c1e-9a4d-4e7b-8f6a-2c5d1e0b9a87';

const view = (orderId: string, customerId: string): OrderViewAnswer => ({
  orderId,
  customerId,
  status: 'CONFIRMED',
  items: [{ sku: 'BOOK-42', quantity: 2 }],
  total: 40,
  currency: 'EUR',
  version: 5,
  createdAt: '2026-12-05T10:00:00.000Z',
  updatedAt: '2026-12-05T10:00:02.000Z',
});

/** The services as in-memory records; every command recorded, each answered as the orders service would. */
class FakeBackends implements ShopBackends {
  readonly orders = new Map([
    [ADAS_ORDER, view(ADAS_ORDER, ADA)],
    [BOBS_ORDER, view(BOBS_ORDER, BOB)],
  ]);
  readonly customers = new Map<string, CustomerProfile>([
    [ADA, { customerId: ADA, name: 'Ada', email: 'ada@example.com' }],
  ]);
  readonly payments = new Map<string, PaymentView>([
    [ADAS_ORDER, { orderId: ADAS_ORDER, status: 'CAPTURED', amount: 40, currency: 'EUR' }],
  ]);
  readonly shipments = new Map<string, ShipmentView>([
    [ADAS_ORDER, { orderId: ADAS_ORDER, status: 'SCHEDULED' }],
  ]);
  readonly placed: { order: PlaceOrderRequest; key: string }[] = [];
  readonly cancelled: string[] = [];
  failing = new Set<string>();

  private read<T>(name: string, map: Map<string, T>) {
    return async (id: string) => {
      if (this.failing.has(name)) throw new BackendFailure(`The ${name} service answered HTTP 500.`);
      return map.get(id);
    };
  }
  order = this.read('orders', this.orders);
  customer = this.read('customers', this.customers);
  payment = this.read('payments', this.payments);
  shipment = this.read('shipping', this.shipments);

  async customerOrders(customerId: string): Promise<RelayedAnswer> {
    const items = [...this.orders.values()].filter((o) => o.customerId === customerId);
    return { status: 200, body: { items }, headers: {} };
  }
  async placeOrder(order: PlaceOrderRequest, key: string): Promise<RelayedAnswer> {
    this.placed.push({ order, key });
    return { status: 202, body: { orderId: 'new', status: 'PENDING' }, headers: { location: '/orders/new' } };
  }
  async cancelOrder(orderId: string): Promise<RelayedAnswer> {
    this.cancelled.push(orderId);
    return {
      status: 409,
      body: {
        type: 'https://shop.example/problems/not-yet',
        status: 409,
        instance: `/orders/${orderId}/cancel`,
      },
      headers: { 'retry-after': '5' },
    };
  }
}

const passThrough: PartBreaker = { call: (fn) => fn() };

function setup() {
  const backends = new FakeBackends();
  const deps: MyOrdersDeps = {
    backends,
    breakers: { orders: passThrough, customers: passThrough, payments: passThrough, shipping: passThrough },
    deadlineMs: 1_000,
    partTimeoutMs: 500,
  };
  const call = (
    app: 'web' | 'mobile',
    input: {
      method: string;
      resource: string;
      orderId?: string;
      body?: string;
      headers?: Record<string, string>;
    },
    customerId: string | null = ADA,
  ) => {
    const event = apiEvent({
      method: input.method,
      resource: input.resource,
      ...(input.orderId ? { pathParameters: { orderId: input.orderId } } : {}),
      ...(input.body ? { body: input.body } : {}),
      ...(input.headers ? { headers: input.headers } : {}),
    });
    const claims = customerId === null ? { sub: 'u1' } : { sub: 'u1', 'custom:customerId': customerId };
    const withClaims = { ...event, requestContext: { ...event.requestContext, authorizer: { claims } } };
    return bffHandler(deps, app)(withClaims, lambdaContext());
  };
  return { backends, call };
}

const getOrder = (orderId: string) => ({ method: 'GET', resource: '/me/orders/{orderId}', orderId });
const json = (response: { body: string }) => JSON.parse(response.body);

describe('the apps’ backends: the signed-in customer’s orders', () => {
  it('web: the order composed with its customer, payment and shipment', async () => {
    const { call } = setup();
    const response = await call('web', getOrder(ADAS_ORDER));
    expect(response.statusCode).toBe(200);
    expect(json(response)).toEqual({
      order: view(ADAS_ORDER, ADA),
      customer: { customerId: ADA, name: 'Ada', email: 'ada@example.com' },
      payment: { status: 'CAPTURED', amount: 40, currency: 'EUR' },
      shipment: { status: 'SCHEDULED' },
      partial: [],
    });
  });

  it('mobile: the compact summary, and smaller than web’s', async () => {
    const { call } = setup();
    const mobile = await call('mobile', getOrder(ADAS_ORDER));
    expect(json(mobile)).toEqual({
      orderId: ADAS_ORDER,
      status: 'CONFIRMED',
      total: 40,
      currency: 'EUR',
      itemCount: 2,
      shipment: { status: 'SCHEDULED' },
      partial: [],
    });
    const web = await call('web', getOrder(ADAS_ORDER));
    expect(mobile.body.length).toBeLessThan(web.body.length / 2);
  });

  it('another customer’s order is a 404, exactly as an order that does not exist', async () => {
    const { call } = setup();
    const others = await call('web', getOrder(BOBS_ORDER));
    const unknown = await call('web', getOrder('1f2b8c1e-9a4d-4e7b-8f6a-2c5d1e0b9a87'));
    expect([others.statusCode, unknown.statusCode]).toEqual([404, 404]);
    expect(others.headers?.['Content-Type']).toBe('application/problem+json');
    expect(json(others).title).toBe(json(unknown).title);
  });

  it('a failing part is named in partial; the order itself failing is a 503', async () => {
    const { backends, call } = setup();
    backends.failing.add('payments');
    const partial = json(await call('web', getOrder(ADAS_ORDER)));
    expect(partial.partial).toEqual([
      expect.objectContaining({
        part: 'payment',
        derivedFrom: 'order',
        problem: expect.objectContaining({ status: 502 }),
      }),
    ]);
    backends.failing.add('orders');
    const down = await call('web', getOrder(ADAS_ORDER));
    expect(down.statusCode).toBe(503);
    expect(down.headers?.['Retry-After']).toBeDefined();
  });

  it('a user the shop never linked to a customer can do nothing: 403', async () => {
    const { call } = setup();
    const response = await call('web', getOrder(ADAS_ORDER), null);
    expect(response.statusCode).toBe(403);
    expect(json(response)).toMatchObject({
      status: 403,
      detail: 'Your sign-in is not linked to a customer of the shop.',
    });
  });

  it('places an order for the token’s customer, under a key scoped to that customer, and points at it under /me', async () => {
    const { backends, call } = setup();
    const body = JSON.stringify({
      items: [{ sku: 'BOOK-42', quantity: 1 }],
      paymentToken: 'tok_ok',
      shippingAddress: { name: 'Ada', line1: '1 Main St', city: 'London', postalCode: 'N1', country: 'GB' },
    });
    const headers = { 'Idempotency-Key': 'k-1' };
    const ada = await call('web', { method: 'POST', resource: '/me/orders', body, headers });
    await call('mobile', { method: 'POST', resource: '/me/orders', body, headers }, BOB);
    expect(ada.statusCode).toBe(202);
    expect(ada.headers?.location).toBe('/me/orders/new');
    expect(backends.placed.map(({ order }) => order.customerId)).toEqual([ADA, BOB]);
    const [adaKey, bobKey] = backends.placed.map(({ key }) => key);
    expect(adaKey).toMatch(new RegExp(`^${ADA}\\.`));
    expect(adaKey).not.toBe(bobKey);
  });

  it('refuses a customer in the body: the token decides whose order it is', async () => {
    const { backends, call } = setup();
    const body = JSON.stringify({
      customerId: BOB,
      items: [{ sku: 'BOOK-42', quantity: 1 }],
      paymentToken: 'tok_ok',
      shippingAddress: { name: 'Ada', line1: '1 Main St', city: 'London', postalCode: 'N1', country: 'GB' },
    });
    const response = await call('web', {
      method: 'POST',
      resource: '/me/orders',
      body,
      headers: { 'Idempotency-Key': 'k' },
    });
    expect(response.statusCode).toBe(400);
    expect(backends.placed).toEqual([]);
  });

  it('cancels only the caller’s own order, and relays the orders service’s problem under the app’s path', async () => {
    const { backends, call } = setup();
    const others = await call('web', {
      method: 'POST',
      resource: '/me/orders/{orderId}/cancel',
      orderId: BOBS_ORDER,
    });
    expect(others.statusCode).toBe(404);
    expect(backends.cancelled).toEqual([]);
    const own = await call('web', {
      method: 'POST',
      resource: '/me/orders/{orderId}/cancel',
      orderId: ADAS_ORDER,
    });
    expect(own.statusCode).toBe(409);
    expect(own.headers?.['Content-Type']).toBe('application/problem+json');
    expect(own.headers?.['retry-after']).toBe('5');
    expect(json(own).instance).toBe(`/me/orders/${ADAS_ORDER}/cancel`);
  });

  it('lists the caller’s orders only; mobile as compact rows', async () => {
    const { call } = setup();
    const web = json(await call('web', { method: 'GET', resource: '/me/orders' }));
    expect(web.items.map((o: OrderViewAnswer) => o.orderId)).toEqual([ADAS_ORDER]);
    const mobile = json(await call('mobile', { method: 'GET', resource: '/me/orders' }));
    expect(mobile).toEqual({
      items: [
        {
          orderId: ADAS_ORDER,
          status: 'CONFIRMED',
          total: 40,
          currency: 'EUR',
          itemCount: 2,
          createdAt: '2026-12-05T10:00:00.000Z',
        },
      ],
    });
  });
});
