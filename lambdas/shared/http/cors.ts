/**
 * The shop's CORS policy for browsers, in one place for both halves of it: the public API answers the
 * preflight (`OPTIONS`, built from these lists in `lib/services/edge/public-api.ts`), and `httpHandler`
 * adds the headers to the actual responses, which a Lambda proxy integration must set itself. The allowed
 * origins are per stage (`lib/config/stage-config.ts`) and reach the functions in `CORS_ALLOWED_ORIGINS`.
 */
export const CORS_ALLOWED_ORIGINS_ENV = 'CORS_ALLOWED_ORIGINS';

/** What a browser may send: the JSON body, the contract's headers, and a bearer token. */
export const CORS_ALLOW_HEADERS = ['Content-Type', 'Idempotency-Key', 'X-Correlation-Id', 'Authorization'];
/** What a script may read beyond the basic headers: where a created resource is, versions, retry hints. */
export const CORS_EXPOSE_HEADERS = ['Location', 'ETag', 'Retry-After', 'X-Correlation-Id'];
/** How long a browser may cache a preflight answer. */
export const CORS_MAX_AGE_SECONDS = 600;

/** The stage's origins as the functions get them: exact origins, comma-separated; absent means none. */
export function allowedOriginsFrom(value: string | undefined): readonly string[] {
  return (value ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin.length > 0);
}

export function encodeAllowedOrigins(origins: readonly string[]): string {
  return origins.join(',');
}

/**
 * The CORS headers of a response to a request from `origin`: the origin itself when the stage allows it
 * (exact match: no wildcards, no credentials), nothing otherwise. `Vary: Origin` whenever the stage has a
 * policy, so that a cache never serves one origin's answer to another.
 */
export function corsHeaders(
  origin: string | undefined,
  allowed: readonly string[],
): Readonly<Record<string, string>> {
  if (allowed.length === 0) return {};
  if (origin === undefined || !allowed.includes(origin)) return { Vary: 'Origin' };
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers': CORS_EXPOSE_HEADERS.join(','),
    Vary: 'Origin',
  };
}
