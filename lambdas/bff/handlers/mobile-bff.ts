import { bffFromEnv } from '../adapters/bff-from-env';
import { bffHandler } from './bff-handler';

/** The mobile app's backend: compact answers, an order composed from the two services a phone shows. */
export const handler = bffHandler(bffFromEnv(), 'mobile');
