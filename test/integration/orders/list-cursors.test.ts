import type { APIGatewayProxyResult } from 'aws-lambda';
import { DynamoDbOrderViews } from '../../../lambdas/orders/adapters/dynamodb-order-views';
import { documentClient } from '../../../lambdas/shared/aws/clients';
import type { ProxyHandler } from '../../../lambdas/shared/http/http-handler';
import { encodeCursor } from '../../../lambdas/shared/http/pagination';
import { apiEvent, lambdaContext } from '../../helpers/api-gateway-event';
import { type OrdersFixture, startOrdersFixture, useFunctionEnvironment } from './orders-fixture';

/**
 * Forged listing cursors against the real handlers on DynamoDB Local: every one is a 400 problem+json.
 * In-memory fakes cannot show this, because only DynamoDB refuses a start key with an empty key value
 * (ValidationException, which would be a 500).
 */
let fixture: OrdersFixture;
let listCustomerOrders: ProxyHandler;
let getOrderHistory: ProxyHandler;

const CUSTOMER = 'cust-cursor-1';
const ORDER = '00000000-0000-4000-8000-0000000000c1';
const OTHER_ORDER = '00000000-0000-4000-8000-0000000000c2';
const CREATED = '2026-01-01T00:00:00.000Z';

beforeAll(async () => {
  fixture = await startOrdersFixture('list-cursors');
  useFunctionEnvironment(fixture);
  listCustomerOrders = (await import('../../../lambdas/orders/handlers/list-customer-orders')).handler;
  getOrderHistory = (await import('../../../lambdas/orders/handlers/get-order-history')).handler;
});
afterAll(async () => {
  await fixture?.stop();
});

function list(cursor?: string): Promise<APIGatewayProxyResult> {
  return listCustomerOrders(
    apiEvent({
      method: 'GET',
      resource: '/customers/{customerId}/orders',
      pathParameters: { customerId: CUSTOMER },
      query: { limit: '1', ...(cursor === undefined ? {} : { cursor }) },
    }),
    lambdaContext('list-customer-orders'),
  );
}

function history(cursor: string): Promise<APIGatewayProxyResult> {
  return getOrderHistory(
    apiEvent({
      method: 'GET',
      resource: '/orders/{orderId}/history',
      pathParameters: { orderId: ORDER },
      query: { cursor },
    }),
    lambdaContext('get-order-history'),
  );
}

function expectMalformedCursor(result: APIGatewayProxyResult): void {
  expect({ status: result.statusCode, contentType: result.headers?.['Content-Type'] }).toEqual({
    status: 400,
    contentType: 'application/problem+json',
  });
  expect(JSON.parse(result.body)).toMatchObject({
    status: 400,
    type: 'https://shop.example/problems/invalid-request',
    errors: [{ path: 'cursor', message: 'malformed cursor' }],
  });
}

describe('GET /customers/{customerId}/orders with a forged cursor', () => {
  it('still pages with the cursors it issues (the validation refuses no real one)', async () => {
    const views = new DynamoDbOrderViews(documentClient(fixture.db.client), fixture.orderViewsTable);
    for (const [orderId, createdAt] of [
      [ORDER, CREATED],
      [OTHER_ORDER, '2026-01-02T00:00:00.000Z'],
    ] as const) {
      const view = { orderId, customerId: CUSTOMER, status: 'PENDING' as const, items: [], total: null };
      await views.put({ ...view, currency: 'EUR', version: 1, createdAt, updatedAt: createdAt }, 0);
    }
    const first = JSON.parse((await list()).body);
    const second = JSON.parse((await list(first.nextCursor)).body);
    expect([...first.items, ...second.items].map((o: { orderId: string }) => o.orderId)).toEqual([
      OTHER_ORDER,
      ORDER,
    ]);
  });

  it.each<[string, Record<string, unknown>]>([
    ['an empty order id (an empty key value)', { c: CUSTOMER, t: CREATED, o: '' }],
    ['an empty instant', { c: CUSTOMER, t: '', o: ORDER }],
    ['an order id that is no order id', { c: CUSTOMER, t: CREATED, o: 'not-an-order' }],
    ['an instant that is no instant', { c: CUSTOMER, t: 'yesterday', o: ORDER }],
    ['a number for the order id', { c: CUSTOMER, t: CREATED, o: 7 }],
    ['another customer', { c: 'someone-else', t: CREATED, o: OTHER_ORDER }],
    ['a missing attribute', { c: CUSTOMER, o: ORDER }],
    ['an extra attribute', { c: CUSTOMER, t: CREATED, o: ORDER, x: 1 }],
  ])('%s: 400 problem+json', async (_, position) => {
    expectMalformedCursor(await list(encodeCursor(position)));
  });
});

describe('GET /orders/{orderId}/history with a forged cursor', () => {
  it.each<[string, Record<string, unknown>]>([
    ['another order', { o: OTHER_ORDER, v: 1 }],
    ['a version that is not a whole number', { o: ORDER, v: 1.5 }],
    ['a version as a string', { o: ORDER, v: '1' }],
    ['a version beyond what DynamoDB keys hold exactly', { o: ORDER, v: 2 ** 60 }],
    ['an extra attribute', { o: ORDER, v: 1, x: '' }],
  ])('%s: 400 problem+json', async (_, position) => {
    expectMalformedCursor(await history(encodeCursor(position)));
  });
});
