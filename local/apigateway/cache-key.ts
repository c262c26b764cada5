import { CACHE_KEY_PARAMETER } from './build-caching';
import type { IncomingApiRequest } from './incoming-request';

/**
 * The cache entry a request maps to, as API Gateway keys it: the method's cache namespace (its resource
 * id unless the integration names one), the HTTP method, and the values of the method's cache key
 * parameters, nothing else. A query parameter, header or even path parameter left out of the key does not
 * split the cache: `/products/a` and `/products/b` share one entry unless `method.request.path.sku` is a
 * key parameter. An absent value is keyed apart from an empty one.
 */
export function cacheKeyOf(
  namespace: string,
  parameters: readonly string[],
  request: IncomingApiRequest,
): string {
  const values = parameters.map((parameter) => [parameter, valuesOf(parameter, request)]);
  return JSON.stringify([namespace, request.httpMethod, values]);
}

/** `querystring` and `header` take the last value, as the method request does; `multivalue*` all of them. */
function valuesOf(parameter: string, request: IncomingApiRequest): ReadonlyArray<string | null> {
  const [, kind, name = ''] = CACHE_KEY_PARAMETER.exec(parameter) ?? [];
  switch (kind) {
    case 'path':
      return [request.pathParameter(name) ?? null];
    case 'querystring':
      return [request.queryParameter(name) ?? null];
    case 'multivaluequerystring':
      return request.queryList.filter(([key]) => key === name).map(([, value]) => value);
    case 'header':
      return [request.header(name) ?? null];
    case 'multivalueheader':
      return request.headerValues(name);
    default:
      // The model admits only the kinds above; anything else here is a bug, not a request to key apart.
      throw new Error(`${parameter} is not a cache key parameter`);
  }
}
