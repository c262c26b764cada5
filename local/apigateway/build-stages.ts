import type { ResolvedResource } from '../model/resolved-resource';
import {
  booleanProp,
  numberProp,
  type Properties,
  recordProp,
  recordsProp,
  stringMapProp,
  stringProp,
} from './resource-properties';
import { methodKey, type StageModel, type ThrottleSettings } from './rest-api-model';

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
    sources.push({ resource, source: { name, deploymentId, props: resource.properties } });
  }
  for (const resource of deployments) {
    const name = stringProp(resource.properties, 'StageName');
    if (!name) continue;
    const props = recordProp(resource.properties, 'StageDescription');
    sources.push({ resource, source: { name, deploymentId: resource.physicalId, props } });
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

function stageModel(source: StageSource, warn: (message: string) => void): StageModel {
  const { props } = source;
  let defaultMethodThrottle = throttleOf(props); // StageDescription carries stage-wide limits directly
  const methodThrottles = new Map<string, ThrottleSettings>();
  for (const setting of recordsProp(props, 'MethodSettings')) {
    const httpMethod = stringProp(setting, 'HttpMethod') ?? '*';
    const resourcePath = decodeSettingsPath(stringProp(setting, 'ResourcePath') ?? '/*');
    if (booleanProp(setting, 'CachingEnabled')) {
      warn(
        `enables method caching for ${resourcePath} ${httpMethod}; the local cloud does not cache responses`,
      );
    }
    const throttle = throttleOf(setting);
    if (!throttle) continue;
    if (resourcePath === '/*' && httpMethod === '*') defaultMethodThrottle = throttle;
    else methodThrottles.set(methodKey(resourcePath, httpMethod), throttle);
  }
  if (booleanProp(props, 'CacheClusterEnabled') || booleanProp(props, 'CachingEnabled')) {
    warn('enables the stage cache; the local cloud does not cache responses');
  }
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
  };
}
