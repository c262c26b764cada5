import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { DynamoDbEventStore } from '../../../lambdas/orders/adapters/dynamodb-event-store';
import { documentClient } from '../../../lambdas/shared/aws/clients';
import type { ProxyHandler } from '../../../lambdas/shared/http/http-handler';
import { SAMPLE_ORDER } from '../../fixtures/orders';
import { apiEvent, lambdaContext } from '../../helpers/api-gateway-event';
import { type CustomersApi, startCustomersApi } from '../../helpers/customers-api';
import { type OrdersFixture, startOrdersFixture, useFunctionEnvironment } from './orders-fixture';

/**
 * The two handlers as deployed (their entry modules: configuration from the environment, real SDK
 * clients) against DynamoDB Local with the tables from the synthesized template. Place-order looks its
 * customer up through the customers internal API as synthesized, served by the local API Gateway with
 * IAM authorization in front of the real get-customer handler: the request is really signed and checked.
 */
let fixture: OrdersFixture;
let customersApi: CustomersApi;
let placeOrder: ProxyHandler;
let getOrder: ProxyHandler;

beforeAll(async () => {
  fixture = await startOrdersFixture('place-and-get');
  customersApi = await startCustomersApi(fixture.db.client, 'place-and-get');
  await customersApi.ensureCustomer(SAMPLE_ORDER.customerId);
  useFunctionEnvironment(fixture, customersApi);
  placeOrder = (await import('../../../lambdas/orders/handlers/place-order')).handler;
  getOrder = (await import('../../../lambdas/orders/handlers/get-order')).handler;
});
afterAll(async () => {
  await customersApi?.stop();
  await fixture?.stop();
});

let keyCounter = 0;
const newKey = () => `it-key-${Date.now()}-${++keyCounter}`;

function post(body: string | null, headers: Record<string, string> = {}): Promise<APIGatewayProxyResult> {
  return placeOrder(
    apiEvent({
      method: 'POST',
      resource: '/orders',
      headers: { 'Content-Type': 'application/json', ...headers },
      body,
    }),
    lambdaContext('place-order'),
  );
}

function get(orderId: string): Promise<APIGatewayProxyResult> {
  return getOrder(
    apiEvent({ method: 'GET', resource: '/orders/{orderId}', pathParameters: { orderId } }),
    lambdaContext('get-order'),
  );
}

const json = (result: APIGatewayProxyResult) => JSON.parse(result.body) as Record<string, unknown>;

async function counts() {
  return {
    events: await fixture.itemCount(fixture.eventStoreTable),
    idempotency: await fixture.itemCount(fixture.idempotencyTable),
  };
}

describe('POST /orders', () => {
  it('accepts an order: 202, Location, PENDING, and one OrderPlaced event at version 1', async () => {
    const before = await counts();
    const result = await post(JSON.stringify(SAMPLE_ORDER), {
      'Idempotency-Key': newKey(),
      'X-Correlation-Id': 'it-corr-1',
    });
    expect(result.statusCode).toBe(202);
    const body = json(result);
    expect(body).toEqual({ orderId: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'PENDING' });
    expect(result.headers).toMatchObject({
      Location: `/orders/${body.orderId}`,
      'X-Correlation-Id': 'it-corr-1',
      'Content-Type': 'application/json',
    });
    expect(await counts()).toEqual({ events: before.events + 1, idempotency: before.idempotency + 1 });
  });

  it('answers a retry with the same key and body identically, without a second order', async () => {
    const key = newKey();
    const first = await post(JSON.stringify(SAMPLE_ORDER), { 'Idempotency-Key': key });
    const afterFirst = await counts();
    // The same document with its keys in another order is the same request.
    const { customerId, ...rest } = SAMPLE_ORDER;
    const reordered = JSON.stringify({ ...rest, customerId });
    expect(reordered).not.toBe(JSON.stringify(SAMPLE_ORDER));
    const second = await post(reordered, { 'Idempotency-Key': key });
    expect(second.statusCode).toBe(first.statusCode);
    expect(second.body).toBe(first.body);
    expect(second.headers?.Location).toBe(first.headers?.Location);
    expect(await counts()).toEqual(afterFirst);
  });

  it('refuses the same key with a different body: 422, nothing written', async () => {
    const key = newKey();
    await post(JSON.stringify(SAMPLE_ORDER), { 'Idempotency-Key': key });
    const before = await counts();
    const result = await post(JSON.stringify({ ...SAMPLE_ORDER, items: [{ sku: 'OTHER', quantity: 1 }] }), {
      'Idempotency-Key': key,
    });
    expect(result.statusCode).toBe(422);
    expect(result.headers?.['Content-Type']).toBe('application/problem+json');
    expect(json(result)).toMatchObject({
      status: 422,
      type: 'https://shop.example/problems/idempotency-key-reused',
    });
    expect(await counts()).toEqual(before);
  });

  const valid = SAMPLE_ORDER;
  const badRequests: Array<[string, string | null, Record<string, string | undefined>, number]> = [
    ['no Idempotency-Key', JSON.stringify(valid), { 'Idempotency-Key': undefined }, 400],
    ['a blank Idempotency-Key', JSON.stringify(valid), { 'Idempotency-Key': ' ' }, 400],
    ['no body', null, {}, 400],
    ['malformed JSON', '{"customerId": "c1", ', {}, 400],
    ['a JSON array', '[]', {}, 400],
    ['an unknown field', JSON.stringify({ ...valid, discount: 100 }), {}, 400],
    [
      'an unknown field in an item',
      JSON.stringify({ ...valid, items: [{ sku: 'A', quantity: 1, price: 1 }] }),
      {},
      400,
    ],
    ['empty items', JSON.stringify({ ...valid, items: [] }), {}, 400],
    ['a zero quantity', JSON.stringify({ ...valid, items: [{ sku: 'A', quantity: 0 }] }), {}, 400],
    ['a negative quantity', JSON.stringify({ ...valid, items: [{ sku: 'A', quantity: -2 }] }), {}, 400],
    ['a fractional quantity', JSON.stringify({ ...valid, items: [{ sku: 'A', quantity: 1.5 }] }), {}, 400],
    ['a quantity as a string', JSON.stringify({ ...valid, items: [{ sku: 'A', quantity: '2' }] }), {}, 400],
    [
      'a repeated SKU',
      JSON.stringify({
        ...valid,
        items: [
          { sku: 'A', quantity: 1 },
          { sku: 'A', quantity: 1 },
        ],
      }),
      {},
      400,
    ],
    ['a missing shipping address', JSON.stringify({ ...valid, shippingAddress: undefined }), {}, 400],
    [
      'a three-letter country',
      JSON.stringify({ ...valid, shippingAddress: { ...valid.shippingAddress, country: 'DEU' } }),
      {},
      400,
    ],
    ['a non-http callback URL', JSON.stringify({ ...valid, callbackUrl: 'ftp://x.example/cb' }), {}, 400],
    ['an unknown saga style', JSON.stringify({ ...valid, sagaStyle: 'telepathy' }), {}, 400],
    ['a body over 64 KiB', JSON.stringify({ ...valid, customerId: 'x'.repeat(70_000) }), {}, 413],
  ];

  it.each(badRequests)(
    'refuses %s with problem+json and writes nothing',
    async (_, body, headers, status) => {
      const before = await counts();
      const sent = Object.entries({ 'Idempotency-Key': newKey(), ...headers }).filter(
        ([, v]) => v !== undefined,
      );
      const result = await post(body, Object.fromEntries(sent) as Record<string, string>);
      expect(result.statusCode).toBe(status);
      expect(result.headers?.['Content-Type']).toBe('application/problem+json');
      const problem = json(result);
      expect(problem).toMatchObject({
        status,
        title: expect.any(String),
        detail: expect.any(String),
        instance: '/orders',
      });
      expect(problem.correlationId).toBe(result.headers?.['X-Correlation-Id']);
      expect(await counts()).toEqual(before);
    },
  );

  it('refuses an order for an unknown customer with 422 after asking the customers API, keeping nothing', async () => {
    const key = newKey();
    const before = await counts();
    const unknown = 'cus_ffffffffffffffffffffffffffffffff';
    const result = await post(JSON.stringify({ ...valid, customerId: unknown }), {
      'Idempotency-Key': key,
      'X-Correlation-Id': 'it-unknown-customer',
    });
    expect(result.statusCode).toBe(422);
    expect(result.headers?.['Content-Type']).toBe('application/problem+json');
    expect(json(result)).toMatchObject({
      status: 422,
      type: 'https://shop.example/problems/unprocessable-request',
      detail: expect.stringContaining(unknown),
      correlationId: 'it-unknown-customer',
    });
    expect(await counts()).toEqual(before);

    // Nothing kept under the key: once the customer exists, the same request places the order.
    await customersApi.ensureCustomer(unknown);
    const retried = await post(JSON.stringify({ ...valid, customerId: unknown }), { 'Idempotency-Key': key });
    expect(retried.statusCode).toBe(202);
  });

  it('answers 503 with Retry-After, keeping nothing, while the customers API is unreachable', async () => {
    const before = await counts();
    const url = process.env.CUSTOMERS_API_URL;
    // A port nothing listens on any more: the connection is refused, as when the customers service is down.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    jest.resetModules();
    process.env.CUSTOMERS_API_URL = `http://127.0.0.1:${port}/internal/`;
    try {
      const isolated = (await import('../../../lambdas/orders/handlers/place-order')).handler;
      const result = await isolated(
        apiEvent({
          method: 'POST',
          resource: '/orders',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey() },
          body: JSON.stringify(valid),
        }),
        lambdaContext('place-order'),
      );
      expect(result.statusCode).toBe(503);
      expect(result.headers).toMatchObject({ 'Retry-After': expect.any(String) });
      expect(json(result)).toMatchObject({ type: 'https://shop.example/problems/unavailable' });
    } finally {
      process.env.CUSTOMERS_API_URL = url;
    }
    expect(await counts()).toEqual(before);
  });

  it('lets a refused key be used again once the request is fixed', async () => {
    const key = newKey();
    expect((await post(JSON.stringify({ ...valid, items: [] }), { 'Idempotency-Key': key })).statusCode).toBe(
      400,
    );
    expect((await post(JSON.stringify(valid), { 'Idempotency-Key': key })).statusCode).toBe(202);
  });
});

describe('X-Correlation-Id', () => {
  it.each([
    ['a newline', 'checkout-1\n{"level":"ERROR"}'],
    ['quotes and markup', '"><script>'],
    ['129 characters', 'x'.repeat(129)],
  ])('with %s is replaced, in the response and in the appended event alike', async (_, supplied) => {
    const result = await post(JSON.stringify(SAMPLE_ORDER), {
      'Idempotency-Key': newKey(),
      'X-Correlation-Id': supplied,
    });
    expect(result.statusCode).toBe(202);
    const minted = result.headers?.['X-Correlation-Id'];
    expect(minted).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const events = await new DynamoDbEventStore(
      documentClient(fixture.db.client),
      fixture.eventStoreTable,
    ).load(json(result).orderId as string);
    // The id the saga's input and every later event carry comes from here.
    expect(events.map(({ metadata }) => metadata.correlationId)).toEqual([minted]);
  });
});

describe('GET /orders/{orderId}', () => {
  it('answers an order not projected yet from its events (read-your-writes)', async () => {
    const placed = json(await post(JSON.stringify(SAMPLE_ORDER), { 'Idempotency-Key': newKey() }));
    const result = await get(placed.orderId as string);
    expect(result.statusCode).toBe(200);
    const order = json(result);
    expect(order).toEqual({
      orderId: placed.orderId,
      customerId: SAMPLE_ORDER.customerId,
      status: 'PENDING',
      items: SAMPLE_ORDER.items,
      total: null,
      currency: 'EUR',
      version: 1,
      createdAt: expect.any(String),
      updatedAt: order.createdAt,
    });
    // The payment token is never shown back.
    expect(result.body).not.toContain(SAMPLE_ORDER.paymentToken);
  });

  it.each([
    ['an unknown id', '00000000-0000-4000-8000-000000000000'],
    ['a malformed id', 'not-an-order-id'],
  ])('answers 404 problem+json for %s', async (_, orderId) => {
    const result = await get(orderId);
    expect(result.statusCode).toBe(404);
    expect(result.headers?.['Content-Type']).toBe('application/problem+json');
    expect(json(result)).toMatchObject({ status: 404, type: 'https://shop.example/problems/not-found' });
  });
});
