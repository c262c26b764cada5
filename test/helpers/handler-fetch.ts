import type { APIGatewayProxyResult } from 'aws-lambda';
import type { ProxyHandler } from '../../lambdas/shared/http/http-handler';
import { apiEvent, lambdaContext } from './api-gateway-event';

/** A route as the REST API maps it: a resource template (`/charges/{chargeId}/refunds`) and its handler. */
export interface HandlerRoute {
  readonly resource: string;
  readonly handler: ProxyHandler;
}

/**
 * A `fetch` that serves real handlers in this process, so a service's real HTTP adapter can talk to
 * another service's real handler without a network: the URL's path (after the base URL's) is matched
 * against the resource templates as API Gateway matches them, and the proxy event built from it.
 * `onCall` sees every request that reached a handler. An unmatched path answers 404 as a gateway would.
 */
export function handlerFetch(
  baseUrl: string,
  routes: readonly HandlerRoute[],
  onCall: (request: { method: string; resource: string; headers: Record<string, string> }) => void = () =>
    undefined,
): typeof fetch {
  const basePath = new URL(baseUrl).pathname.replace(/\/$/, '');
  return async (input, init) => {
    const url = new URL(String(input));
    const path = url.pathname.slice(basePath.length);
    const method = init?.method ?? 'GET';
    for (const route of routes) {
      const pathParameters = match(route.resource, path);
      if (!pathParameters) continue;
      const headers = Object.fromEntries(new Headers(init?.headers).entries());
      onCall({ method, resource: route.resource, headers });
      const result = (await route.handler(
        apiEvent({
          method,
          resource: route.resource,
          headers,
          body: (init?.body as string | undefined) ?? null,
          pathParameters,
        }),
        lambdaContext('in-process'),
      )) as APIGatewayProxyResult;
      return new Response(result.body, {
        status: result.statusCode,
        headers: Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)])),
      });
    }
    return new Response(JSON.stringify({ message: 'Missing Authentication Token' }), { status: 403 });
  };
}

/** The path parameters when `path` matches the template, e.g. `/customers/{customerId}`; else undefined. */
function match(resource: string, path: string): Record<string, string> | undefined {
  const names: string[] = [];
  const pattern = resource.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const found = new RegExp(`^${pattern}$`).exec(path);
  if (!found) return undefined;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1] as string)]));
}
