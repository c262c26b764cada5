import type { ProxyHandler } from '../../lambdas/shared/http/http-handler';
import { handlerFetch } from './handler-fetch';

/** The stub provider's base URL in tests that serve its handler in process. */
export const PROVIDER_URL = 'https://provider.local/';
/** The API key the in-process provider issued, and the shop's account holding it. */
export const PROVIDER_API_KEY = 'test-provider-api-key-0123456789';
export const providerAccount = async () => ({ url: PROVIDER_URL, apiKey: PROVIDER_API_KEY });
export const issuedApiKey = async () => PROVIDER_API_KEY;

/**
 * A `fetch` that serves the stub payment provider's real handler in this process, with the routes of the
 * provider's REST API, so the payments service's real HTTP adapter can talk to it without a network.
 * `onCall` counts what reached the provider.
 */
export function providerFetch(provider: ProxyHandler, onCall: () => void = () => undefined): typeof fetch {
  return handlerFetch(
    PROVIDER_URL,
    ['/charges', '/charges/{chargeId}', '/refunds', '/admin/behaviour'].map((resource) => ({
      resource,
      handler: provider,
    })),
    onCall,
  );
}

/**
 * `fetch` as a network makes it: the caller may give up (its `AbortSignal`, e.g. a timeout) while the
 * server carries on and does the work anyway, as the provider does with a charge whose caller timed out.
 * `idle()` resolves when every request the server received has been handled (for checking its records).
 */
export function overTheNetwork(serve: typeof fetch): typeof fetch & { idle(): Promise<void> } {
  const inFlight = new Set<Promise<unknown>>();
  const networked = (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const served = serve(input, init);
    inFlight.add(served);
    void served.catch(() => undefined).finally(() => inFlight.delete(served));
    const signal = init?.signal;
    if (!signal) return served;
    signal.throwIfAborted();
    return new Promise<Response>((resolve, reject) => {
      const abort = () => reject(signal.reason);
      signal.addEventListener('abort', abort, { once: true });
      served.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
    });
  }) as typeof fetch & { idle(): Promise<void> };
  networked.idle = async () => {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  };
  return networked;
}
