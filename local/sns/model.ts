import type { CompiledPattern } from '../eventbridge/pattern';
import type { ResolvedResource } from '../model/resolved-resource';
import { parseJsonish } from '../shared/json-property';
import { compileFilterPolicy } from './filter-policy';
import { SnsError } from './sns-error';

export type SubscriptionProtocol = 'sqs' | 'lambda' | 'http' | 'https';

export interface TopicModel {
  readonly arn: string;
  readonly name: string;
  readonly fifo: boolean;
  readonly contentBasedDeduplication: boolean;
  /** The other attributes it was made with (`DisplayName`, `Policy`, ...): kept and answered, not acted on. */
  readonly attributes?: Readonly<Record<string, string>>;
}

export interface SubscriptionModel {
  readonly arn: string;
  readonly topicArn: string;
  readonly protocol: SubscriptionProtocol;
  /** A queue ARN, a function ARN or a URL. */
  readonly endpoint: string;
  readonly rawMessageDelivery: boolean;
  /** The filter policy as written (for GetSubscriptionAttributes), and compiled. */
  readonly filterPolicy?: string;
  readonly filter?: CompiledPattern;
  readonly filterPolicyScope: 'MessageAttributes' | 'MessageBody';
  /** The SQS queue ARN of the subscription's `RedrivePolicy.deadLetterTargetArn`. */
  readonly deadLetterQueueArn?: string;
}

const PROTOCOLS: ReadonlySet<string> = new Set(['sqs', 'lambda', 'http', 'https']);

/** A subscription's settings as CloudFormation takes them (on AWS::SNS::Subscription, or by Subscribe). */
export interface SubscriptionSettings {
  readonly Protocol?: unknown;
  readonly Endpoint?: unknown;
  readonly FilterPolicy?: unknown;
  readonly FilterPolicyScope?: unknown;
  readonly RawMessageDelivery?: unknown;
  readonly RedrivePolicy?: unknown;
}

/**
 * A subscription from its settings, or the reason it cannot run locally. A filter policy is compiled with
 * the EventBridge pattern compiler under SNS's own limits (filter-policy.ts): SNS filter policies are the
 * same language (see README for the differences).
 */
export function subscriptionFrom(
  arn: string,
  topicArn: string,
  settings: SubscriptionSettings,
): SubscriptionModel | string {
  const protocol = String(settings.Protocol ?? '').toLowerCase();
  if (!PROTOCOLS.has(protocol)) return `protocol ${String(settings.Protocol)} is not emulated`;
  const endpoint = String(settings.Endpoint ?? '');
  if (!fitsProtocol(protocol, endpoint)) return `its endpoint ${endpoint} is not a ${protocol} endpoint`;
  const filterPolicyScope =
    settings.FilterPolicyScope === 'MessageBody' ? 'MessageBody' : 'MessageAttributes';
  let filterPolicy: string | undefined;
  let filter: CompiledPattern | undefined;
  if (settings.FilterPolicy !== undefined && settings.FilterPolicy !== '') {
    filterPolicy =
      typeof settings.FilterPolicy === 'string'
        ? settings.FilterPolicy
        : JSON.stringify(settings.FilterPolicy);
    try {
      filter = compileFilterPolicy(filterPolicy, filterPolicyScope);
    } catch (error) {
      if (!(error instanceof SnsError)) throw error;
      return `its filter policy is invalid (${error.message.replace(/^Invalid parameter: FilterPolicy: /, '')})`;
    }
  }
  const redrive = parseJsonish(settings.RedrivePolicy) as { deadLetterTargetArn?: unknown } | undefined;
  const deadLetterQueueArn =
    typeof redrive?.deadLetterTargetArn === 'string' ? redrive.deadLetterTargetArn : undefined;
  return {
    arn,
    topicArn,
    protocol: protocol as SubscriptionProtocol,
    endpoint,
    rawMessageDelivery: String(settings.RawMessageDelivery) === 'true',
    filterPolicyScope,
    ...(filterPolicy === undefined ? {} : { filterPolicy }),
    ...(filter === undefined ? {} : { filter }),
    ...(deadLetterQueueArn === undefined ? {} : { deadLetterQueueArn }),
  };
}

/** A subscription's settings by their attribute names: GetSubscriptionAttributes, and changing one. */
export function settingsOf(subscription: SubscriptionModel): Record<string, string> {
  return {
    Protocol: subscription.protocol,
    Endpoint: subscription.endpoint,
    RawMessageDelivery: String(subscription.rawMessageDelivery),
    FilterPolicyScope: subscription.filterPolicyScope,
    ...(subscription.filterPolicy === undefined ? {} : { FilterPolicy: subscription.filterPolicy }),
    ...(subscription.deadLetterQueueArn === undefined
      ? {}
      : { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: subscription.deadLetterQueueArn }) }),
  };
}

export interface SnsModel {
  readonly topics: TopicModel[];
  readonly subscriptions: SubscriptionModel[];
  readonly warnings: string[];
}

/** Topics and subscriptions (separate resources and a topic's inline `Subscription` list). */
export function buildSnsModel(resources: readonly ResolvedResource[]): SnsModel {
  const topics: TopicModel[] = [];
  const subscriptions: SubscriptionModel[] = [];
  const warnings: string[] = [];
  const add = (where: string, arn: string, topicArn: string, settings: SubscriptionSettings) => {
    const subscription = subscriptionFrom(arn, topicArn, settings);
    if (typeof subscription === 'string') warnings.push(`${where}: ${subscription}; it gets no messages`);
    else subscriptions.push(subscription);
  };
  for (const resource of resources) {
    const where = `${resource.stackName}/${resource.logicalId}`;
    if (resource.type === 'AWS::SNS::Topic') {
      const { physicalId: arn, properties } = resource;
      topics.push({
        arn,
        name: resource.attributes.TopicName ?? arn.split(':').pop() ?? arn,
        fifo: String(properties.FifoTopic) === 'true',
        contentBasedDeduplication: String(properties.ContentBasedDeduplication) === 'true',
        attributes: Object.fromEntries(
          ['DisplayName', 'FifoThroughputScope']
            .filter((name) => typeof properties[name] === 'string')
            .map((name) => [name, String(properties[name])]),
        ),
      });
      const inline = Array.isArray(properties.Subscription) ? properties.Subscription : [];
      for (const [index, settings] of (inline as SubscriptionSettings[]).entries()) {
        add(`${where}.Subscription[${index}]`, `${arn}:inline-${index}`, arn, settings);
      }
      for (const unsupported of ['KmsMasterKeyId', 'DeliveryStatusLogging', 'DataProtectionPolicy']) {
        if (properties[unsupported] !== undefined) warnings.push(`${where}: ${unsupported} is not emulated`);
      }
    } else if (resource.type === 'AWS::SNS::Subscription') {
      add(where, resource.physicalId, String(resource.properties.TopicArn), resource.properties);
      for (const unsupported of ['DeliveryPolicy', 'ReplayPolicy', 'SubscriptionRoleArn']) {
        if (resource.properties[unsupported] !== undefined)
          warnings.push(`${where}: ${unsupported} is not emulated`);
      }
    }
  }
  return { topics, subscriptions, warnings };
}

/** What SNS takes for each protocol: a queue ARN, a function ARN, a URL of the protocol's scheme. */
function fitsProtocol(protocol: string, endpoint: string): boolean {
  if (protocol === 'sqs' || protocol === 'lambda') {
    return endpoint.startsWith('arn:') && endpoint.split(':')[2] === protocol;
  }
  return endpoint.toLowerCase().startsWith(`${protocol}://`);
}
