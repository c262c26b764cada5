import { deliveryFromEnv } from '../adapters/notifications-from-env';
import { replayCallbackHandler } from './callback-routes';

// Composition root: the adapters are built once per cold start.
export const handler = replayCallbackHandler(deliveryFromEnv());
