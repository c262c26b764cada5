import { type ApiGatewayManagementApiClient, GoneException } from '@aws-sdk/client-apigatewaymanagementapi';
import { ApiGatewayMessenger, messengerFor } from '../../../lambdas/push/adapters/api-gateway-messenger';
import { httpOrderLookup } from '../../../lambdas/push/adapters/http-order-lookup';
import { refused } from '../../../lambdas/push/contract';
import { InternalApiClient } from '../../../lambdas/shared/http/internal-api-client';
import { ORDER, orderView } from '../../helpers/in-memory-push';

/** A management API client whose every call does `answer`, recording what it was sent. */
function managementClient(answer: () => Promise<unknown>) {
  const sent: { ConnectionId?: string; Data?: unknown }[] = [];
  const client = {
    send: async (command: { input: { ConnectionId?: string; Data?: unknown } }) => {
      sent.push(command.input);
      return answer();
    },
  } as unknown as ApiGatewayManagementApiClient;
  return { sent, messenger: new ApiGatewayMessenger(client) };
}

describe('posting to connections (the @connections API)', () => {
  it('posts the message as one JSON text to the connection', async () => {
    const { sent, messenger } = managementClient(async () => ({}));
    await expect(messenger.send('c1', refused('bad-request'))).resolves.toBe('sent');
    expect(sent).toEqual([{ ConnectionId: 'c1', Data: JSON.stringify(refused('bad-request')) }]);
  });

  it('says gone for GoneException (410), and lets any other failure through', async () => {
    const gone = managementClient(async () => {
      throw new GoneException({ message: 'Gone', $metadata: { httpStatusCode: 410 } });
    });
    await expect(gone.messenger.send('c1', refused('bad-request'))).resolves.toBe('gone');
    const throttled = managementClient(async () => {
      throw Object.assign(new Error('Rate exceeded'), { name: 'LimitExceededException' });
    });
    await expect(throttled.messenger.send('c1', refused('bad-request'))).rejects.toThrow('Rate exceeded');
  });

  it('keeps one messenger per stage endpoint for the function’s life', () => {
    const a = messengerFor('https://a.execute-api.eu-west-1.amazonaws.com/v1');
    expect(messengerFor('https://a.execute-api.eu-west-1.amazonaws.com/v1')).toBe(a);
    expect(messengerFor('https://b.execute-api.eu-west-1.amazonaws.com/v1')).not.toBe(a);
  });
});

describe('the orders service’s view of an order (its internal API)', () => {
  function lookup(status: number, body: unknown, contentType = 'application/json') {
    const urls: string[] = [];
    const fetchFn = (async (url: URL) => {
      urls.push(String(url));
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': contentType } });
    }) as unknown as typeof fetch;
    const client = new InternalApiClient(
      'orders',
      'https://orders.example/internal/',
      1_000,
      fetchFn,
      (m) => new Error(m),
    );
    return { urls, orders: httpOrderLookup(client) };
  }
  const trace = { correlationId: 'corr-1' };

  it('reads GET /orders/{orderId} as the public view, dropping anything else', async () => {
    const { urls, orders } = lookup(200, { ...orderView(2), customerOrderKey: 'x' });
    await expect(orders.order(ORDER, trace)).resolves.toEqual(orderView(2));
    expect(urls).toEqual([`https://orders.example/internal/orders/${ORDER}`]);
  });

  it('is undefined for the service’s own 404, and fails on the gateway’s (a missing grant must show)', async () => {
    await expect(
      lookup(404, { status: 404 }, 'application/problem+json').orders.order(ORDER, trace),
    ).resolves.toBeUndefined();
    await expect(lookup(403, { message: 'Forbidden' }).orders.order(ORDER, trace)).rejects.toThrow(
      'The orders service answered HTTP 403.',
    );
  });
});
