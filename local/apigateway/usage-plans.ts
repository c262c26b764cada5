import { GatewayError } from './gateway-error';
import {
  type ApiKeyModel,
  methodKey,
  type QuotaSettings,
  type RestApiModel,
  type UsagePlanModel,
} from './rest-api-model';
import { TokenBucket } from './throttling';

const DAY_MS = 86_400_000;

/** Start (epoch ms, UTC) of the quota period containing `now`. */
export function quotaPeriodStart(quota: QuotaSettings, now: number): number {
  const date = new Date(now);
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  switch (quota.period) {
    case 'DAY':
      return midnight;
    case 'WEEK': {
      const back = (date.getUTCDay() - quota.offset + 7) % 7;
      return midnight - back * DAY_MS;
    }
    case 'MONTH': {
      const thisMonth = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1 + quota.offset);
      return thisMonth <= now
        ? thisMonth
        : Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - 1, 1 + quota.offset);
    }
  }
}

export interface ApiKeyGrant {
  readonly key: ApiKeyModel;
  readonly plan: UsagePlanModel;
}

/**
 * API keys and usage plans for one API: a method with `ApiKeyRequired` needs an enabled key of a usage plan
 * bound to the request's stage; the plan's throttle (per key, per method where the plan sets one) and quota
 * (per key and period) apply.
 */
export class UsagePlans {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly usage = new Map<string, { periodStart: number; count: number }>();

  constructor(
    private readonly api: RestApiModel,
    private readonly now: () => number = Date.now,
  ) {}

  /** The key and plan the request is metered against, or the gateway error API Gateway answers with. */
  admit(
    apiKeyValue: string | undefined,
    stage: string,
    resourcePath: string,
    httpMethod: string,
  ): ApiKeyGrant | GatewayError {
    const forbidden = new GatewayError('INVALID_API_KEY', 'Forbidden');
    if (!apiKeyValue) return forbidden;
    const grant = this.find(apiKeyValue, stage);
    if (!grant) return forbidden;
    const { key, plan } = grant;

    const planStage = plan.stages.find(
      (candidate) => candidate.apiId === this.api.id && candidate.stage === stage,
    );
    const methodThrottle = planStage?.methodThrottles.get(methodKey(resourcePath, httpMethod));
    const throttle = methodThrottle ?? plan.throttle;
    if (throttle) {
      const bucketKey = `${plan.id} ${key.id} ${methodThrottle ? methodKey(resourcePath, httpMethod) : '*'}`;
      let bucket = this.buckets.get(bucketKey);
      if (!bucket) {
        bucket = new TokenBucket(throttle, this.now);
        this.buckets.set(bucketKey, bucket);
      }
      if (!bucket.tryTake()) return new GatewayError('THROTTLED', 'Too Many Requests');
    }

    if (plan.quota) {
      const usageKey = `${plan.id} ${key.id}`;
      const periodStart = quotaPeriodStart(plan.quota, this.now());
      const current = this.usage.get(usageKey);
      const used = current && current.periodStart === periodStart ? current.count : 0;
      if (used >= plan.quota.limit) return new GatewayError('QUOTA_EXCEEDED', 'Limit Exceeded');
      this.usage.set(usageKey, { periodStart, count: used + 1 });
    }
    return grant;
  }

  private find(value: string, stage: string): ApiKeyGrant | undefined {
    for (const plan of this.api.usagePlans) {
      if (!plan.stages.some((candidate) => candidate.apiId === this.api.id && candidate.stage === stage))
        continue;
      const key = plan.apiKeys.find((candidate) => candidate.value === value && candidate.enabled);
      if (key) return { key, plan };
    }
    return undefined;
  }
}
