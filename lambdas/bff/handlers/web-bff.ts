import { bffFromEnv } from '../adapters/bff-from-env';
import { bffHandler } from './bff-handler';

/** The web app's backend: rich answers, an order composed from four services. */
export const handler = bffHandler(bffFromEnv(), 'web');
