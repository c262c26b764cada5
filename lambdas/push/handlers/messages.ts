import { messengerFor } from '../adapters/api-gateway-messenger';
import { connectionStoreFromEnv, orderLookupFromEnv } from '../adapters/push-from-env';
import { messagesHandler } from './messages-handler';

export const handler = messagesHandler({
  store: connectionStoreFromEnv(),
  orders: orderLookupFromEnv(),
  messengerFor,
});
