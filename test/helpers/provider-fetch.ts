import type { ProxyHandler } from '../../lambdas/shared/http/http-handler';
import { handlerFetch } from './handler-fetch';

/** The stub provider's base URL in tests that serve its handler in process. */
export const PROVIDER_URL = 'https://provider.local/';

/**
 * A `fetch` that serves the stub payment provider's real handler in this process, with the routes of the
 * provider's REST API, so the payments service's real HTTP adapter can talk to it without a network.
 * `onCall` counts what reached the provider.
 */
export function providerFetch(provider: ProxyHandler, onCall: () => void = () => undefined): typeof fetch {
  return handlerFetch(
    PROVIDER_URL,
    ['/charges', '/charges/{chargeId}', '/charges/{chargeId}/refunds', '/admin/behaviour'].map(
      (resource) => ({ resource, handler: provider }),
    ),
    onCall,
  );
}
