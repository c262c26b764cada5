import { logger } from '../../shared/logger';
import type { ConnectionStore } from '../ports/connection-store';
import { closeConnection, openConnection } from '../use-cases/connections';
import type { WebSocketEvent, WebSocketResult } from './websocket-event';

/** `$connect` and `$disconnect`: a connection recorded with its customer, and forgotten. */
export function connectionsHandler(deps: { readonly store: ConnectionStore; readonly now?: () => Date }) {
  return async (event: WebSocketEvent): Promise<WebSocketResult> => {
    const { eventType, connectionId, authorizer } = event.requestContext;
    logger.appendKeys({ connectionId, apiRequestId: event.requestContext.requestId });
    try {
      if (eventType === 'CONNECT') {
        // The authorizer named the customer; without it (a route left unauthorized) nobody gets in.
        const customerId = authorizer?.customerId;
        if (typeof customerId !== 'string') {
          logger.error('connection without an authorized customer');
          return { statusCode: 403 };
        }
        await openConnection(deps.store, connectionId, customerId, deps.now?.());
        logger.info('connected', { customerId });
        return { statusCode: 200 };
      }
      if (eventType === 'DISCONNECT') {
        await closeConnection(deps.store, connectionId);
        logger.info('disconnected');
        return { statusCode: 200 };
      }
      logger.error('not a connection event', { eventType });
      return { statusCode: 400 };
    } finally {
      logger.resetKeys();
    }
  };
}
