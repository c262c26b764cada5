import { readConfig } from '../../shared/config';
import { messengerFor } from '../adapters/api-gateway-messenger';
import { connectionStoreFromEnv } from '../adapters/push-from-env';
import { PUSH_ENV } from '../contract';
import { fanOutOrderUpdatesHandler } from './fan-out-order-updates-handler';

// A stream record comes through no API: the stage's @connections endpoint is configuration.
const config = readConfig([PUSH_ENV.managementApiUrl]);

export const handler = fanOutOrderUpdatesHandler({
  store: connectionStoreFromEnv(),
  messenger: messengerFor(config[PUSH_ENV.managementApiUrl]),
});
