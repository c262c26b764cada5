import type { ResolvedResource } from '../model/resolved-resource';
import { TemplateResolutionError } from '../template/resolution-error';
import {
  booleanMapProp,
  booleanProp,
  numberProp,
  type Properties,
  recordProp,
  stringProp,
} from './resource-properties';
import type { MethodCachingSetting, UnauthorizedCacheControlStrategy } from './rest-api-model';

/** API Gateway refuses a longer `CacheTtlInSeconds`. */
const MAX_CACHE_TTL_SECONDS = 3600;

const STRATEGIES: ReadonlySet<string> = new Set<UnauthorizedCacheControlStrategy>([
  'FAIL_WITH_403',
  'SUCCEED_WITH_RESPONSE_HEADER',
  'SUCCEED_WITHOUT_RESPONSE_HEADER',
]);

/** What a cache key parameter may name: a value of the method request. */
export const CACHE_KEY_PARAMETER =
  /^method\.request\.(path|querystring|multivaluequerystring|header|multivalueheader)\.(.+)$/;

/**
 * The caching fields of one method setting (or of a deployment's `StageDescription`, which carries the
 * stage-wide ones directly); undefined when it sets none. A value API Gateway refuses (a TTL outside
 * 0..3600, an unknown strategy, a flag that is not a boolean) stops the start with a
 * TemplateResolutionError naming where it is.
 */
export function cachingSettingOf(props: Properties, location: string): MethodCachingSetting | undefined {
  const cachingEnabled = readable(props, 'CachingEnabled', 'boolean', location);
  const ttlSeconds = readable(props, 'CacheTtlInSeconds', 'number', location);
  const requireAuthorizationForCacheControl = readable(
    props,
    'RequireAuthorizationForCacheControl',
    'boolean',
    location,
  );
  const strategy = stringProp(props, 'UnauthorizedCacheControlHeaderStrategy');
  if (
    ttlSeconds !== undefined &&
    (!Number.isInteger(ttlSeconds) || ttlSeconds < 0 || ttlSeconds > MAX_CACHE_TTL_SECONDS)
  ) {
    throw new TemplateResolutionError(
      `${location}/CacheTtlInSeconds`,
      `${ttlSeconds} is not a whole number of seconds from 0 to ${MAX_CACHE_TTL_SECONDS}, which API Gateway requires`,
    );
  }
  if (strategy !== undefined && !STRATEGIES.has(strategy)) {
    throw new TemplateResolutionError(
      `${location}/UnauthorizedCacheControlHeaderStrategy`,
      `${strategy} is not one of ${[...STRATEGIES].join(', ')}`,
    );
  }
  const setting: MethodCachingSetting = {
    ...(cachingEnabled === undefined ? {} : { cachingEnabled }),
    ...(ttlSeconds === undefined ? {} : { ttlSeconds }),
    ...(requireAuthorizationForCacheControl === undefined ? {} : { requireAuthorizationForCacheControl }),
    ...(strategy === undefined ? {} : { unauthorizedStrategy: strategy as UnauthorizedCacheControlStrategy }),
  };
  return Object.keys(setting).length === 0 ? undefined : setting;
}

const READERS = { boolean: booleanProp, number: numberProp } as const;

/** A boolean or number property; one that is present but is neither (`"yes"`) stops the start. */
function readable<K extends keyof typeof READERS>(
  props: Properties,
  key: string,
  kind: K,
  location: string,
): ReturnType<(typeof READERS)[K]> {
  const value = READERS[kind](props, key) as ReturnType<(typeof READERS)[K]>;
  if (value === undefined && props[key] !== undefined) {
    throw new TemplateResolutionError(`${location}/${key}`, `${JSON.stringify(props[key])} is not a ${kind}`);
  }
  return value;
}

/**
 * A method's `Integration.CacheKeyParameters`. API Gateway accepts only method request values the method
 * declares in `RequestParameters` ("Invalid cache key parameter specified" otherwise), so anything else
 * stops the start with a TemplateResolutionError naming the parameter.
 */
export function cacheKeyParametersOf(method: ResolvedResource): string[] {
  const integration = recordProp(method.properties, 'Integration');
  const listed = integration.CacheKeyParameters;
  if (listed === undefined) return [];
  const location = `${method.stackName}/Resources/${method.logicalId}/Properties/Integration/CacheKeyParameters`;
  if (!Array.isArray(listed)) throw new TemplateResolutionError(location, 'is not a list of parameter names');
  const declared = booleanMapProp(method.properties, 'RequestParameters');
  return listed.map((parameter, index) => {
    if (typeof parameter !== 'string' || !CACHE_KEY_PARAMETER.test(parameter)) {
      throw new TemplateResolutionError(
        `${location}/${index}`,
        `${JSON.stringify(parameter)} is not a method request parameter (method.request.path|querystring|header.<name>)`,
      );
    }
    if (!(parameter in declared)) {
      throw new TemplateResolutionError(
        `${location}/${index}`,
        `${parameter} is not in the method's RequestParameters; API Gateway refuses it ("Invalid cache key parameter specified")`,
      );
    }
    return parameter;
  });
}
