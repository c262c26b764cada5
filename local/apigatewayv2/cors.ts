import type { CorsModel } from './http-api-model';

/**
 * An HTTP API's CORS configuration, applied by the gateway as AWS does: a preflight (`OPTIONS` with
 * `Origin` and `Access-Control-Request-Method`) is answered by the gateway itself, 204, whatever the
 * routes; other responses to an allowed origin get `Access-Control-Allow-Origin` (and credentials and
 * exposed headers). An origin not allowed gets no CORS headers at all.
 */
export function allowedOrigin(cors: CorsModel, origin: string | undefined): string | undefined {
  if (origin === undefined) return undefined;
  if (cors.allowOrigins.includes(origin)) return origin;
  return cors.allowOrigins.includes('*') ? (cors.allowCredentials ? origin : '*') : undefined;
}

export function isPreflight(method: string, headers: ReadonlyArray<readonly [string, string]>): boolean {
  return (
    method === 'OPTIONS' &&
    headers.some(([n]) => n === 'origin') &&
    headers.some(([n]) => n === 'access-control-request-method')
  );
}

export function preflightHeaders(
  cors: CorsModel,
  origin: string | undefined,
  requestHeaders: string | undefined,
): Array<[string, string]> {
  const allowed = allowedOrigin(cors, origin);
  if (allowed === undefined) return [];
  const headers: Array<[string, string]> = [['access-control-allow-origin', allowed]];
  if (cors.allowMethods.length > 0)
    headers.push(['access-control-allow-methods', cors.allowMethods.join(',')]);
  const asked = (requestHeaders ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const granted = cors.allowHeaders.includes('*')
    ? asked
    : asked.filter((h) => cors.allowHeaders.includes(h));
  if (granted.length > 0) headers.push(['access-control-allow-headers', granted.join(',')]);
  if (cors.maxAge !== undefined) headers.push(['access-control-max-age', String(cors.maxAge)]);
  if (cors.allowCredentials) headers.push(['access-control-allow-credentials', 'true']);
  return headers;
}

export function responseCorsHeaders(cors: CorsModel, origin: string | undefined): Array<[string, string]> {
  const allowed = allowedOrigin(cors, origin);
  if (allowed === undefined) return [];
  return [
    ['access-control-allow-origin', allowed],
    ...(cors.allowCredentials
      ? ([['access-control-allow-credentials', 'true']] as Array<[string, string]>)
      : []),
    ...(cors.exposeHeaders.length > 0
      ? ([['access-control-expose-headers', cors.exposeHeaders.join(',')]] as Array<[string, string]>)
      : []),
  ];
}

/** A response's headers less any `Access-Control-*` one: with a CORS configuration the gateway sets them. */
export function withoutCorsHeaders(headers: ReadonlyArray<[string, string]>): Array<[string, string]> {
  return headers.filter(([name]) => !name.toLowerCase().startsWith('access-control-'));
}
