import { connectionStoreFromEnv } from '../adapters/push-from-env';
import { connectionsHandler } from './connections-handler';

export const handler = connectionsHandler({ store: connectionStoreFromEnv() });
