import { cacheKeyOf } from './cache-key';
import { GatewayError } from './gateway-error';
import type { HttpResult } from './http-result';
import type { IncomingApiRequest } from './incoming-request';
import { methodCachingFor } from './method-caching';
import type { MethodModel, StageModel } from './rest-api-model';
import type { StageCache } from './stage-cache';

/**
 * The `Warning` an ignored invalidation gets under SUCCEED_WITH_RESPONSE_HEADER. AWS documents that a
 * warning header is added, not its text; this is the text callers report seeing.
 */
export const IGNORED_CACHE_CONTROL_WARNING =
  '199 Cache-control headers were ignored because the caller was unauthorized.';

/** What the cache did for a request: answered it, stored its answer, or replaced its entry on request. */
export type CacheOutcome = 'hit' | 'miss' | 'refreshed';

export interface CachedMethodRequest {
  readonly stage: StageModel;
  readonly cache: StageCache;
  readonly method: MethodModel;
  /** The matched resource's id: the cache namespace unless the integration names one. */
  readonly resourceId: string;
  readonly resourcePath: string;
  readonly request: IncomingApiRequest;
  /** What `execute-api:InvalidateCache` is evaluated against. */
  readonly methodArn: string;
}

/** Whether the request's signer may invalidate entries of the method (`execute-api:InvalidateCache`). */
export type MayInvalidateCache = (request: IncomingApiRequest, methodArn: string) => Promise<boolean>;

/**
 * The stage cache in front of the integration, where API Gateway has it: after authorization, API keys,
 * usage plans and validation (those run on every request), instead of the integration. A hit answers with
 * the stored response and invokes nothing. Whatever the integration answers is stored, whatever its status:
 * AWS documents no status filter and users report 4XX answers being cached. API Gateway's own refusals and
 * failures (a function error's 502, a timeout's 504) are thrown, never stored. A `Cache-Control: max-age=0`
 * request from a caller allowed to invalidate (or from anyone when authorization is not required) skips the
 * entry and stores the fresh answer; from anyone else it is refused (FAIL_WITH_403) or ignored, with or
 * without a `Warning` header.
 */
export class ResponseCaching {
  constructor(private readonly mayInvalidate: MayInvalidateCache) {}

  async serve(
    input: CachedMethodRequest,
    integrate: () => Promise<HttpResult>,
  ): Promise<{ readonly result: HttpResult; readonly outcome?: CacheOutcome }> {
    const { request, cache } = input;
    const caching = methodCachingFor(input.stage, input.resourcePath, request.httpMethod);
    if (!caching) return { result: await integrate() };
    const namespace = input.method.cacheNamespace ?? input.resourceId;
    const key = cacheKeyOf(namespace, input.method.cacheKeyParameters, request);
    let warning = false;
    if (asksToInvalidate(request)) {
      const allowed =
        !caching.requireAuthorizationForCacheControl || (await this.mayInvalidate(request, input.methodArn));
      if (allowed) {
        cache.delete(key);
        const result = await integrate();
        cache.put(key, result, caching.ttlSeconds);
        return { result, outcome: 'refreshed' };
      }
      if (caching.unauthorizedStrategy === 'FAIL_WITH_403') {
        throw new GatewayError('ACCESS_DENIED', 'Unauthorized');
      }
      warning = caching.unauthorizedStrategy === 'SUCCEED_WITH_RESPONSE_HEADER';
    }
    const cached = cache.get(key);
    const result = cached ?? (await integrate());
    if (!cached) cache.put(key, result, caching.ttlSeconds);
    return {
      result: warning
        ? { ...result, headers: [...result.headers, ['Warning', IGNORED_CACHE_CONTROL_WARNING]] }
        : result,
      outcome: cached ? 'hit' : 'miss',
    };
  }
}

/** `Cache-Control: max-age=0`, alone or among other directives. */
function asksToInvalidate(request: IncomingApiRequest): boolean {
  return request
    .headerValues('cache-control')
    .some((value) => value.split(',').some((directive) => directive.trim().toLowerCase() === 'max-age=0'));
}
