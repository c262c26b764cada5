import { ORDER_ID } from '../../../lambdas/orders/contract';
import { recordByOrderHandler } from '../../../lambdas/shared/http/record-by-order-handler';
import { apiEvent, lambdaContext } from '../../helpers/api-gateway-event';

const ORDER = '3f2b8c1e-9a4d-4e7b-8f6a-2c5d1e0b9a87';

describe('GET /<records>/{orderId}: a service’s one record per order, for other services', () => {
  const asked: string[] = [];
  const handler = recordByOrderHandler({
    records: {
      get: async (orderId: string) => {
        asked.push(orderId);
        return orderId === ORDER ? { orderId, status: 'CAPTURED', chargeId: 'ch_secret' } : undefined;
      },
    },
    what: 'payment',
    orderId: ORDER_ID,
    view: ({ orderId, status }) => ({ orderId, status }),
  });
  const get = (orderId: string) =>
    handler(
      apiEvent({ method: 'GET', resource: '/payments/{orderId}', pathParameters: { orderId } }),
      lambdaContext(),
    );

  beforeEach(() => {
    asked.length = 0;
  });

  it('answers the view of the record, and only the view', async () => {
    const response = await get(ORDER);
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ orderId: ORDER, status: 'CAPTURED' });
  });

  it('is a 404 problem while the order has none', async () => {
    const other = '0f2b8c1e-9a4d-4e7b-8f6a-2c5d1e0b9a87';
    const response = await get(other);
    expect(response.statusCode).toBe(404);
    expect(response.headers?.['Content-Type']).toBe('application/problem+json');
    expect(JSON.parse(response.body)).toMatchObject({
      status: 404,
      detail: `Order ${other} has no payment.`,
    });
  });

  it('is a 404 without a read for an id the orders service could not have minted', async () => {
    const response = await get('../../etc/passwd');
    expect(response.statusCode).toBe(404);
    expect(asked).toEqual([]);
  });
});
