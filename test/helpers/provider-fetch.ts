import type { APIGatewayProxyResult } from 'aws-lambda';
import type { ProxyHandler } from '../../lambdas/shared/http/http-handler';
import { apiEvent, lambdaContext } from './api-gateway-event';

/**
 * A `fetch` that serves the stub payment provider's real handler in this process, so the payments
 * service's real HTTP adapter can talk to it without a network: routes mapped as the provider's REST API
 * maps them. `onCall` counts what reached the provider.
 */
export function providerFetch(provider: ProxyHandler, onCall: () => void = () => undefined): typeof fetch {
  return async (input, init) => {
    onCall();
    const url = new URL(String(input));
    const [, first, chargeId, refunds] = url.pathname.split('/');
    const resource =
      first === 'charges' && chargeId
        ? refunds
          ? '/charges/{chargeId}/refunds'
          : '/charges/{chargeId}'
        : `/${first}`;
    const result = (await provider(
      apiEvent({
        method: init?.method ?? 'GET',
        resource,
        headers: (init?.headers ?? {}) as Record<string, string>,
        body: (init?.body as string | undefined) ?? null,
        ...(chargeId ? { pathParameters: { chargeId } } : {}),
      }),
      lambdaContext('provider'),
    )) as APIGatewayProxyResult;
    return new Response(result.body, { status: result.statusCode });
  };
}
