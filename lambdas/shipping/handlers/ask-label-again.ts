import { labelRequestsFromEnv } from '../adapters/labels-from-env';
import { labelRetryRoute } from './label-retry-route';

// Composition root: the adapters are built once per cold start. An operator's request is sent as the
// requester sends its own, so it is built from the same environment.
export const handler = labelRetryRoute(labelRequestsFromEnv());
