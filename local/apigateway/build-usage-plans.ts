import type { ResolvedResource } from '../model/resolved-resource';
import { decodeSettingsPath } from './build-stages';
import {
  booleanProp,
  isRecord,
  numberProp,
  type Properties,
  recordProp,
  recordsProp,
  stringProp,
} from './resource-properties';
import {
  type ApiKeyModel,
  methodKey,
  type QuotaSettings,
  type ThrottleSettings,
  type UsagePlanModel,
  type UsagePlanStage,
} from './rest-api-model';

export interface UsagePlanResources {
  readonly usagePlans: readonly ResolvedResource[];
  readonly usagePlanKeys: readonly ResolvedResource[];
  readonly apiKeys: readonly ResolvedResource[];
}

/** Usage plans (with their keys) that bind at least one stage of the API `apiId`. */
export function buildUsagePlans(
  apiId: string,
  resources: UsagePlanResources,
  warn: (resource: ResolvedResource, message: string) => void,
): UsagePlanModel[] {
  const plans: UsagePlanModel[] = [];
  for (const plan of resources.usagePlans) {
    const stages = recordsProp(plan.properties, 'ApiStages')
      .filter((stage) => stringProp(stage, 'ApiId') === apiId)
      .map(planStage);
    if (stages.length === 0) continue;
    const apiKeys = resources.usagePlanKeys
      .filter((link) => stringProp(link.properties, 'UsagePlanId') === plan.physicalId)
      .flatMap((link) => {
        const keyId = stringProp(link.properties, 'KeyId');
        const key = resources.apiKeys.find((candidate) => candidate.physicalId === keyId);
        if (!key) {
          warn(link, `links API key ${keyId ?? '(none)'}, which is not in the assembly`);
          return [];
        }
        return [apiKeyModel(key, warn)];
      });
    const throttle = throttleOf(recordProp(plan.properties, 'Throttle'));
    const quota = quotaOf(recordProp(plan.properties, 'Quota'));
    plans.push({
      id: plan.physicalId,
      name: stringProp(plan.properties, 'UsagePlanName') ?? plan.logicalId,
      stages,
      ...(throttle ? { throttle } : {}),
      ...(quota ? { quota } : {}),
      apiKeys,
    });
  }
  return plans;
}

function planStage(stage: Properties): UsagePlanStage {
  // `Throttle` is keyed by `<resource path>/<METHOD>`, e.g. `/orders/{orderId}/GET` (root: `//GET`).
  const methodThrottles = new Map<string, ThrottleSettings>();
  for (const [key, value] of Object.entries(recordProp(stage, 'Throttle'))) {
    const slash = key.lastIndexOf('/');
    if (slash < 0 || !isRecord(value)) continue;
    const throttle = throttleOf(value);
    if (!throttle) continue;
    const path = decodeSettingsPath(key.slice(0, slash) || '/');
    methodThrottles.set(methodKey(path === '' ? '/' : path, key.slice(slash + 1)), throttle);
  }
  return {
    apiId: stringProp(stage, 'ApiId') ?? '',
    stage: stringProp(stage, 'Stage') ?? '',
    methodThrottles,
  };
}

function throttleOf(props: Properties): ThrottleSettings | undefined {
  const rateLimit = numberProp(props, 'RateLimit');
  const burstLimit = numberProp(props, 'BurstLimit');
  if (rateLimit === undefined && burstLimit === undefined) return undefined;
  // A plan that sets only one of the two leaves the other unlimited by the plan (the account still limits).
  return {
    rateLimit: rateLimit ?? Number.POSITIVE_INFINITY,
    burstLimit: burstLimit ?? Number.POSITIVE_INFINITY,
  };
}

function quotaOf(props: Properties): QuotaSettings | undefined {
  const limit = numberProp(props, 'Limit');
  const period = stringProp(props, 'Period');
  if (limit === undefined || (period !== 'DAY' && period !== 'WEEK' && period !== 'MONTH')) return undefined;
  return { limit, period, offset: numberProp(props, 'Offset') ?? 0 };
}

function apiKeyModel(
  key: ResolvedResource,
  warn: (resource: ResolvedResource, message: string) => void,
): ApiKeyModel {
  let value = stringProp(key.properties, 'Value');
  if (!value) {
    // AWS generates a secret value; locally it must be predictable so a person can use it.
    value = `local-${key.physicalId}`;
    warn(key, `has no Value; the local cloud uses "${value}"`);
  }
  // StageKeys (which CDK's addApiKey sets) grant nothing by themselves: as on AWS, only usage plans do.
  return { id: key.physicalId, value, enabled: booleanProp(key.properties, 'Enabled') ?? true };
}
