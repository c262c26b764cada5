import {
  type MethodCachingSetting,
  methodKey,
  type StageModel,
  type UnauthorizedCacheControlStrategy,
} from './rest-api-model';

/** The caching in force for one method of a stage. */
export interface MethodCaching {
  /** From 1 to 3600 (a TTL of 0 caches nothing, so there is no MethodCaching for it). */
  readonly ttlSeconds: number;
  readonly requireAuthorizationForCacheControl: boolean;
  readonly unauthorizedStrategy: UnauthorizedCacheControlStrategy;
}

/**
 * API Gateway's defaults: 300 s, and invalidating needs `execute-api:InvalidateCache`. An unauthorized
 * `Cache-Control: max-age=0` is ignored with a warning header: what a method setting that names no strategy
 * gets (GetStage reports SUCCEED_WITH_RESPONSE_HEADER for it; a SAM issue observed the header in answers).
 */
export const CACHING_DEFAULTS = {
  ttlSeconds: 300,
  requireAuthorizationForCacheControl: true,
  unauthorizedStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
} as const satisfies MethodCaching;

/**
 * The caching of a request's method on this stage, or undefined when its responses are not cached: no
 * cache cluster, caching not enabled, or a TTL of 0. Each field comes from the most specific method setting
 * that sets it (`<path> <METHOD>`, then `<path> *`, then the stage-wide `/*` `*`), else from the default.
 * Settings for every method (`*`) enable caching of GET only, as in AWS; another method is cached only
 * when a setting names it.
 */
export function methodCachingFor(
  stage: StageModel,
  resourcePath: string,
  httpMethod: string,
): MethodCaching | undefined {
  if (!stage.cacheClusterEnabled) return undefined;
  const own = stage.methodCaching.get(methodKey(resourcePath, httpMethod));
  const settings = [
    own,
    stage.methodCaching.get(methodKey(resourcePath, '*')),
    stage.methodCaching.get(methodKey('/*', '*')),
  ].filter((setting): setting is MethodCachingSetting => setting !== undefined);
  const field = <K extends keyof MethodCachingSetting>(name: K) =>
    settings.find((setting) => setting[name] !== undefined)?.[name];
  const enabled = httpMethod.toUpperCase() === 'GET' ? field('cachingEnabled') : own?.cachingEnabled;
  const ttlSeconds = field('ttlSeconds') ?? CACHING_DEFAULTS.ttlSeconds;
  if (!enabled || ttlSeconds === 0) return undefined;
  return {
    ttlSeconds,
    requireAuthorizationForCacheControl:
      field('requireAuthorizationForCacheControl') ?? CACHING_DEFAULTS.requireAuthorizationForCacheControl,
    unauthorizedStrategy: field('unauthorizedStrategy') ?? CACHING_DEFAULTS.unauthorizedStrategy,
  };
}
