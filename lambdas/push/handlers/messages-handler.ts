import { correlationIdFrom } from '../../shared/correlation';
import { logger } from '../../shared/logger';
import { PUSH_ROUTES, refused, subscribeMessageSchema } from '../contract';
import type { ConnectionStore } from '../ports/connection-store';
import type { Messenger } from '../ports/messenger';
import type { OrderLookup } from '../ports/order-lookup';
import { reply } from '../use-cases/deliver';
import { subscribe } from '../use-cases/subscribe';
import { managementEndpointOf, type WebSocketEvent, type WebSocketResult } from './websocket-event';

export interface MessagesDeps {
  readonly store: ConnectionStore;
  readonly orders: OrderLookup;
  /** The messenger of the API stage a message came through. */
  messengerFor(endpoint: string): Messenger;
}

/**
 * A client's messages: `subscribe` (validated, then the use case) and `$default`, which takes whatever
 * names no route and answers `bad-request`. Answers go back on the socket, never as the route's result.
 */
export function messagesHandler(deps: MessagesDeps) {
  return async (event: WebSocketEvent): Promise<WebSocketResult> => {
    const { connectionId, routeKey, requestId } = event.requestContext;
    const correlationId = correlationIdFrom(undefined);
    logger.appendKeys({ connectionId, correlationId, apiRequestId: requestId });
    const delivery = { store: deps.store, messenger: deps.messengerFor(managementEndpointOf(event)) };
    try {
      const message = routeKey === PUSH_ROUTES.subscribe ? parsed(event.body) : undefined;
      if (message === undefined) {
        await reply(delivery, connectionId, refused('bad-request'));
        logger.info('message refused', { routeKey });
        return { statusCode: 200 };
      }
      const result = await subscribe(
        { ...delivery, orders: deps.orders },
        { connectionId, orderId: message.orderId, trace: { correlationId } },
      );
      logger.info('subscribe handled', { orderId: message.orderId, result });
      return { statusCode: 200 };
    } finally {
      logger.resetKeys();
    }
  };
}

function parsed(body: string | undefined) {
  try {
    const result = subscribeMessageSchema.safeParse(JSON.parse(body ?? ''));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
