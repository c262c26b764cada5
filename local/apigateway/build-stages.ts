import type { ResolvedResource } from '../model/resolved-resource';
import { cachingSettingOf } from './build-caching';
import {
  booleanProp,
  numberProp,
  type Properties,
  recordProp,
  recordsProp,
  stringMapProp,
  stringProp,
} from './resource-properties';
import {
  type MethodCachingSetting,
  methodKey,
  type StageModel,
  type ThrottleSettings,
} from './rest-api-model';

/** API Gateway's account-level limits, which apply wherever a stage or plan sets nothing. */
export const ACCOUNT_THROTTLE: ThrottleSettings = { rateLimit: 10_000, burstLimit: 5_000 };

/**
 * Method settings name a method by its resource path with `/` escaped as `~1` (`/~1orders~1{id}`), the root
 * as `/`, and every method of the stage as `/*` with `HttpMethod: '*'`.
 */
export function decodeSettingsPath(resourcePath: string): string {
  if (resourcePath === '/' || resourcePath === '/*') return resourcePath;
  const decoded = resourcePath.slice(1).replace(/~1/g, '/').replace(/~0/g, '~');
  return decoded.startsWith('/') ? decoded : `/${decoded}`;
}

/** `ThrottlingRateLimit` / `ThrottlingBurstLimit`, as REST method settings and HTTP API route settings name them. */
export function throttleOf(props: Properties): ThrottleSettings | undefined {
  const rateLimit = numberProp(props, 'ThrottlingRateLimit');
  const burstLimit = numberProp(props, 'ThrottlingBurstLimit');
  if (rateLimit === undefined && burstLimit === undefined) return undefined;
  return {
    rateLimit: rateLimit ?? ACCOUNT_THROTTLE.rateLimit,
    burstLimit: burstLimit ?? ACCOUNT_THROTTLE.burstLimit,
  };
}

interface StageSource {
  readonly name: string;
  readonly deploymentId: string;
  readonly props: Properties;
  /** Where `props` are in the template, for errors: `Stack/Resources/Id/Properties[/StageDescription]`. */
  readonly location: string;
}

/** Stages from AWS::ApiGateway::Stage, and from AWS::ApiGateway::Deployment with StageName (older style). */
export function buildStages(
  stages: readonly ResolvedResource[],
  deployments: readonly ResolvedResource[],
  warn: (resource: ResolvedResource, message: string) => void,
): Map<string, StageModel> {
  const sources: Array<{ resource: ResolvedResource; source: StageSource }> = [];
  for (const resource of stages) {
    const name = stringProp(resource.properties, 'StageName') ?? resource.physicalId;
    const deploymentId = stringProp(resource.properties, 'DeploymentId') ?? '';
    const location = propertiesOf(resource);
    sources.push({ resource, source: { name, deploymentId, props: resource.properties, location } });
  }
  for (const resource of deployments) {
    const name = stringProp(resource.properties, 'StageName');
    if (!name) continue;
    const props = recordProp(resource.properties, 'StageDescription');
    const location = `${propertiesOf(resource)}/StageDescription`;
    sources.push({ resource, source: { name, deploymentId: resource.physicalId, props, location } });
  }
  const result = new Map<string, StageModel>();
  for (const { resource, source } of sources) {
    result.set(
      source.name,
      stageModel(source, (message) => warn(resource, message)),
    );
  }
  return result;
}

function propertiesOf(resource: ResolvedResource): string {
  return `${resource.stackName}/Resources/${resource.logicalId}/Properties`;
}

function stageModel(source: StageSource, warn: (message: string) => void): StageModel {
  const { props } = source;
  let defaultMethodThrottle = throttleOf(props); // StageDescription carries stage-wide limits directly
  const methodThrottles = new Map<string, ThrottleSettings>();
  const methodCaching = new Map<string, MethodCachingSetting>();
  const stageWideCaching = cachingSettingOf(props, source.location); // and stage-wide caching likewise
  if (stageWideCaching) methodCaching.set(methodKey('/*', '*'), stageWideCaching);
  recordsProp(props, 'MethodSettings').forEach((setting, index) => {
    const httpMethod = stringProp(setting, 'HttpMethod') ?? '*';
    const resourcePath = decodeSettingsPath(stringProp(setting, 'ResourcePath') ?? '/*');
    const caching = cachingSettingOf(setting, `${source.location}/MethodSettings/${index}`);
    if (caching) methodCaching.set(methodKey(resourcePath, httpMethod), caching);
    const throttle = throttleOf(setting);
    if (!throttle) return;
    if (resourcePath === '/*' && httpMethod === '*') defaultMethodThrottle = throttle;
    else methodThrottles.set(methodKey(resourcePath, httpMethod), throttle);
  });
  const cacheClusterEnabled = booleanProp(props, 'CacheClusterEnabled') ?? false;
  warnAboutCaching(props, methodCaching, cacheClusterEnabled, warn);
  if (props.CanarySetting !== undefined)
    warn('has a CanarySetting; the local cloud serves the main deployment only');
  if (stringProp(props, 'ClientCertificateId')) warn('has a client certificate; it is not used locally');
  const tracingEnabled = booleanProp(props, 'TracingEnabled') ?? false;
  if (tracingEnabled)
    warn('enables X-Ray tracing; no traces are recorded locally ($context.xrayTraceId is set)');
  const accessLogFormat = stringProp(recordProp(props, 'AccessLogSetting'), 'Format');
  return {
    name: source.name,
    deploymentId: source.deploymentId,
    variables: stringMapProp(props, 'Variables'),
    ...(defaultMethodThrottle ? { defaultMethodThrottle } : {}),
    methodThrottles,
    ...(accessLogFormat ? { accessLogFormat } : {}),
    tracingEnabled,
    cacheClusterEnabled,
    methodCaching,
  };
}

/** What the local stage cache does differently: caching without a cluster, cluster size, encryption. */
function warnAboutCaching(
  props: Properties,
  methodCaching: ReadonlyMap<string, MethodCachingSetting>,
  cacheClusterEnabled: boolean,
  warn: (message: string) => void,
): void {
  const enabled = [...methodCaching].filter(([, setting]) => setting.cachingEnabled).map(([key]) => key);
  if (!cacheClusterEnabled && enabled.length > 0) {
    warn(
      `enables caching for ${enabled.join(', ')} without a cache cluster (CacheClusterEnabled); nothing is cached, as in AWS`,
    );
  }
  const size = stringProp(props, 'CacheClusterSize');
  if (cacheClusterEnabled && size !== undefined) {
    warn(`has a ${size} GB cache cluster; the local cache is unbounded in memory (responses up to 1 MB)`);
  }
  if ([props, ...recordsProp(props, 'MethodSettings')].some((p) => booleanProp(p, 'CacheDataEncrypted'))) {
    warn('encrypts cached data (CacheDataEncrypted); the local cache keeps entries in memory unencrypted');
  }
}
