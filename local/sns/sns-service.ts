import {
  entries,
  members,
  type QueryParams,
  type QueryProtocolService,
  xmlElement,
} from '../endpoint/query-protocol';
import type { LocalSns } from './local-sns';
import type { SnsMessageAttribute } from './message';
import { type SubscriptionModel, settingsOf, type TopicModel } from './model';
import type { PublishInput } from './publish-input';
import { invalidParameter, SnsError } from './sns-error';

/**
 * The SNS API on the local endpoint, in the query protocol the SDK v3 and the CLI speak for SNS: topics,
 * subscriptions and publishing. Anything else is `InvalidAction`, as SNS answers an action it lacks.
 */
export class SnsService implements QueryProtocolService {
  readonly version = '2010-03-31';
  readonly namespace = 'http://sns.amazonaws.com/doc/2010-03-31/';

  constructor(
    private readonly sns: LocalSns,
    private readonly region: string,
  ) {}

  async handle(action: string, params: QueryParams): Promise<string> {
    const required = (name: string) => {
      const value = params.get(name);
      if (value === undefined || value === '') throw invalidParameter(`${name} Reason: cannot be empty`);
      return value;
    };
    switch (action) {
      case 'Publish': {
        const topicArn = params.get('TopicArn') ?? params.get('TargetArn') ?? required('TopicArn');
        const { messageId, sequenceNumber } = this.sns.publish(topicArn, publishInput(params, ''));
        return xmlElement('MessageId', messageId) + xmlElement('SequenceNumber', sequenceNumber);
      }
      case 'PublishBatch': {
        const topicArn = required('TopicArn');
        const batch = members(params, 'PublishBatchRequestEntries');
        if (batch.length === 0)
          throw new SnsError('EmptyBatchRequest', 'The batch request does not contain any entries');
        if (batch.length > 10)
          throw new SnsError(
            'TooManyEntriesInBatchRequest',
            'The batch request contains more entries than permissible',
          );
        const ids = batch.map((entry) => entry.get('Id') ?? '');
        if (new Set(ids).size !== ids.length)
          throw new SnsError(
            'BatchEntryIdsNotDistinct',
            'Two or more batch entries in the request have the same Id',
          );
        let successful = '';
        let failed = '';
        for (const [index, entry] of batch.entries()) {
          const id = ids[index] ?? '';
          try {
            const { messageId, sequenceNumber } = this.sns.publish(topicArn, publishInput(entry, ''));
            successful += `<member>${xmlElement('Id', id)}${xmlElement('MessageId', messageId)}${xmlElement('SequenceNumber', sequenceNumber)}</member>`;
          } catch (error) {
            if (!(error instanceof SnsError) || error.code === 'NotFound') throw error;
            failed += `<member>${xmlElement('Id', id)}${xmlElement('Code', error.code)}${xmlElement('Message', error.message)}<SenderFault>true</SenderFault></member>`;
          }
        }
        return `<Successful>${successful}</Successful><Failed>${failed}</Failed>`;
      }
      case 'CreateTopic': {
        const attributes = new Map(
          entries(params, 'Attributes').map((e) => [e.get('key') ?? '', e.get('value') ?? '']),
        );
        return xmlElement('TopicArn', this.sns.createTopic(required('Name'), attributes, this.region).arn);
      }
      case 'DeleteTopic':
        this.sns.deleteTopic(required('TopicArn'));
        return '';
      case 'ListTopics':
        return `<Topics>${this.sns
          .listTopics()
          .map((topic) => `<member>${xmlElement('TopicArn', topic.arn)}</member>`)
          .join('')}</Topics>`;
      case 'GetTopicAttributes':
        return attributesXml(
          topicAttributes(
            this.sns.topic(required('TopicArn')),
            this.sns.subscriptionsOf(required('TopicArn')),
          ),
        );
      case 'Subscribe': {
        const attributes = Object.fromEntries(
          entries(params, 'Attributes').map((e) => [e.get('key') ?? '', e.get('value')]),
        );
        const subscription = this.sns.subscribe(required('TopicArn'), {
          ...attributes,
          Protocol: required('Protocol'),
          Endpoint: required('Endpoint'),
        });
        return xmlElement('SubscriptionArn', subscription.arn);
      }
      case 'Unsubscribe':
        this.sns.unsubscribe(required('SubscriptionArn'));
        return '';
      case 'ListSubscriptions':
        return subscriptionsXml(this.sns.subscriptionsOf());
      case 'ListSubscriptionsByTopic':
        this.sns.topic(required('TopicArn'));
        return subscriptionsXml(this.sns.subscriptionsOf(required('TopicArn')));
      case 'GetSubscriptionAttributes':
        return attributesXml(subscriptionAttributes(this.sns.subscription(required('SubscriptionArn'))));
      case 'SetSubscriptionAttributes':
        this.sns.setSubscriptionAttribute(
          required('SubscriptionArn'),
          required('AttributeName'),
          params.get('AttributeValue') ?? '',
        );
        return '';
      default:
        throw new SnsError(
          'InvalidAction',
          `The action ${action} is not valid for this endpoint (not emulated).`,
        );
    }
  }
}

/** Publish's input from the form: prefix '' for Publish, the entry's own fields for a batch entry. */
function publishInput(params: ReadonlyMap<string, string>, prefix: string): PublishInput {
  const field = (name: string) => params.get(`${prefix}${name}`);
  const attributes: Record<string, SnsMessageAttribute> = {};
  for (const entry of entries(params, `${prefix}MessageAttributes`)) {
    const name = entry.get('Name') ?? '';
    const dataType = entry.get('Value.DataType') ?? '';
    const stringValue = entry.get('Value.StringValue');
    const binaryValue = entry.get('Value.BinaryValue');
    attributes[name] = {
      DataType: dataType,
      ...(stringValue === undefined ? {} : { StringValue: stringValue }),
      ...(binaryValue === undefined ? {} : { BinaryValue: binaryValue }),
    };
  }
  return {
    Message: field('Message'),
    Subject: field('Subject'),
    MessageStructure: field('MessageStructure'),
    MessageGroupId: field('MessageGroupId'),
    MessageDeduplicationId: field('MessageDeduplicationId'),
    ...(Object.keys(attributes).length === 0 ? {} : { MessageAttributes: attributes }),
  };
}

function topicAttributes(
  topic: TopicModel,
  subscriptions: readonly SubscriptionModel[],
): Record<string, string> {
  return {
    TopicArn: topic.arn,
    Owner: topic.arn.split(':')[4] ?? '',
    DisplayName: '',
    ...topic.attributes,
    SubscriptionsConfirmed: String(subscriptions.length),
    SubscriptionsPending: '0',
    SubscriptionsDeleted: '0',
    FifoTopic: String(topic.fifo),
    ...(topic.fifo ? { ContentBasedDeduplication: String(topic.contentBasedDeduplication) } : {}),
  };
}

function subscriptionAttributes(subscription: SubscriptionModel): Record<string, string> {
  return {
    SubscriptionArn: subscription.arn,
    TopicArn: subscription.topicArn,
    Owner: subscription.topicArn.split(':')[4] ?? '',
    ConfirmationWasAuthenticated: 'true',
    PendingConfirmation: 'false',
    ...settingsOf(subscription),
  };
}

function attributesXml(attributes: Record<string, string>): string {
  return `<Attributes>${Object.entries(attributes)
    .map(([key, value]) => `<entry>${xmlElement('key', key)}${xmlElement('value', value)}</entry>`)
    .join('')}</Attributes>`;
}

function subscriptionsXml(subscriptions: readonly SubscriptionModel[]): string {
  return `<Subscriptions>${subscriptions
    .map(
      (s) =>
        `<member>${xmlElement('SubscriptionArn', s.arn)}${xmlElement('Owner', s.topicArn.split(':')[4])}${xmlElement('Protocol', s.protocol)}${xmlElement('Endpoint', s.endpoint)}${xmlElement('TopicArn', s.topicArn)}</member>`,
    )
    .join('')}</Subscriptions>`;
}
