import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { MAX_CONNECTION_SECONDS } from '../../../lambdas/push/domain/connection';
import { connectionsHandler } from '../../../lambdas/push/handlers/connections-handler';
import { fanOutOrderUpdatesHandler } from '../../../lambdas/push/handlers/fan-out-order-updates-handler';
import { messagesHandler } from '../../../lambdas/push/handlers/messages-handler';
import type { WebSocketEvent } from '../../../lambdas/push/handlers/websocket-event';
import { openConnection } from '../../../lambdas/push/use-cases/connections';
import {
  CUSTOMER,
  InMemoryConnectionStore,
  ORDER,
  orderView,
  RecordingMessenger,
} from '../../helpers/in-memory-push';

/** An event as API Gateway sends it to a WebSocket route's function. */
function wsEvent(
  eventType: 'CONNECT' | 'DISCONNECT' | 'MESSAGE',
  routeKey: string,
  extra: { body?: string; authorizer?: Record<string, unknown> } = {},
): WebSocketEvent {
  return {
    requestContext: {
      routeKey,
      eventType,
      connectionId: 'c1',
      domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
      stage: 'v1',
      requestId: 'req-1',
      messageId: 'm-1',
      extendedRequestId: 'x',
      requestTimeEpoch: 0,
      messageDirection: 'IN',
      connectedAt: 0,
      apiId: 'abc123',
      ...(extra.authorizer ? { authorizer: extra.authorizer } : {}),
    },
    isBase64Encoded: false,
    ...(extra.body === undefined ? {} : { body: extra.body }),
  } as unknown as WebSocketEvent;
}

describe('$connect and $disconnect', () => {
  it('records the connection with the authorized customer for two hours, and forgets it with its subscriptions', async () => {
    const store = new InMemoryConnectionStore();
    const now = new Date('2026-12-05T10:00:00Z');
    const handler = connectionsHandler({ store, now: () => now });
    await expect(
      handler(wsEvent('CONNECT', '$connect', { authorizer: { customerId: CUSTOMER } })),
    ).resolves.toEqual({
      statusCode: 200,
    });
    expect(await store.connection('c1')).toEqual({
      connectionId: 'c1',
      customerId: CUSTOMER,
      connectedAt: now.toISOString(),
      expiresAt: now.getTime() / 1000 + MAX_CONNECTION_SECONDS,
      orderIds: [],
    });
    await store.subscribe((await store.connection('c1')) as never, ORDER);
    await expect(handler(wsEvent('DISCONNECT', '$disconnect'))).resolves.toEqual({ statusCode: 200 });
    expect(store.connections.size).toBe(0);
    expect(store.subscriptions.size).toBe(0);
  });

  it('refuses a connection no authorizer named a customer for', async () => {
    const store = new InMemoryConnectionStore();
    await expect(connectionsHandler({ store })(wsEvent('CONNECT', '$connect'))).resolves.toEqual({
      statusCode: 403,
    });
    expect(store.connections.size).toBe(0);
  });
});

describe('messages', () => {
  async function world() {
    const store = new InMemoryConnectionStore();
    const messenger = new RecordingMessenger();
    await openConnection(store, 'c1', CUSTOMER);
    const endpoints: string[] = [];
    const handler = messagesHandler({
      store,
      orders: { order: async () => orderView(1) },
      messengerFor: (endpoint) => {
        endpoints.push(endpoint);
        return messenger;
      },
    });
    return { store, messenger, endpoints, handler };
  }

  it('subscribes on {"action":"subscribe","orderId"}, answering through the stage the message came by', async () => {
    const { store, messenger, endpoints, handler } = await world();
    const body = JSON.stringify({ action: 'subscribe', orderId: ORDER });
    await expect(handler(wsEvent('MESSAGE', 'subscribe', { body }))).resolves.toEqual({ statusCode: 200 });
    expect(endpoints).toEqual(['https://abc123.execute-api.eu-west-1.amazonaws.com/v1']);
    expect(messenger.types('c1')).toEqual(['subscribed', 'order.updated']);
    expect(store.subscriptions.size).toBe(1);
  });

  it.each([
    ['$default', JSON.stringify({ action: 'unsubscribe', orderId: ORDER })],
    ['subscribe', '{not json'],
    ['subscribe', JSON.stringify({ action: 'subscribe' })],
    ['subscribe', JSON.stringify({ action: 'subscribe', orderId: 7 })],
    ['subscribe', JSON.stringify({ action: 'subscribe', orderId: ORDER, customerId: 'x' })],
    ['$default', 'hello'],
  ])(
    'answers bad-request to a message on %s it cannot take (%s), subscribing nothing',
    async (routeKey, body) => {
      const { store, messenger, handler } = await world();
      await handler(wsEvent('MESSAGE', routeKey, { body }));
      expect(messenger.received.get('c1')).toEqual([
        expect.objectContaining({ type: 'error', error: 'bad-request' }),
      ]);
      expect(store.subscriptions.size).toBe(0);
    },
  );
});

describe('the OrderViews stream handler', () => {
  let sequence = 100;
  const record = (image: Record<string, unknown> | undefined, eventName = 'MODIFY'): DynamoDBRecord =>
    ({
      eventID: `e-${sequence}`,
      eventName,
      dynamodb: {
        SequenceNumber: String(sequence++),
        ...(image ? { NewImage: marshall(image, { removeUndefinedValues: true }) } : {}),
      },
    }) as DynamoDBRecord;
  /** A view as the table stores it: the public view plus the table's own index key. */
  const stored = (version: number) => ({ ...orderView(version), customerOrderKey: `x#${ORDER}` });

  async function world() {
    const store = new InMemoryConnectionStore();
    const messenger = new RecordingMessenger();
    await openConnection(store, 'c1', CUSTOMER);
    await store.subscribe((await store.connection('c1')) as never, ORDER);
    return {
      messenger,
      handler: fanOutOrderUpdatesHandler({ store, messenger, sleep: async () => undefined }),
    };
  }

  it('sends each new image as the public view (no index keys) and reports no failure', async () => {
    const { messenger, handler } = await world();
    const result = await handler({ Records: [record(stored(1), 'INSERT'), record(stored(2))] });
    expect(result).toEqual({ batchItemFailures: [] });
    expect(messenger.received.get('c1')).toEqual([
      { type: 'order.updated', data: orderView(1) },
      { type: 'order.updated', data: orderView(2) },
    ]);
  });

  it('reports an unreadable record from its sequence number on, still sending what it could read', async () => {
    const { messenger, handler } = await world();
    const poison = record({ orderId: ORDER, status: 'NOT-A-STATUS' });
    const result = await handler({ Records: [record(stored(1)), poison, record(undefined, 'REMOVE')] });
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: poison.dynamodb?.SequenceNumber }] });
    expect(messenger.versions('c1')).toEqual([1]);
  });

  it('reports the record of a version that could not be delivered', async () => {
    const { messenger, handler } = await world();
    messenger.failNext.add('c1');
    const first = record(stored(1));
    const result = await handler({ Records: [first, record(stored(2))] });
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: first.dynamodb?.SequenceNumber }] });
    expect(messenger.versions('c1')).toEqual([]);
  });
});
