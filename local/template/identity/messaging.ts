import { uuidFrom } from '../deterministic-ids';
import { arn } from '../local-environment';
import { generatedName, isTrue, seedOf, stringProperty } from './names';
import type { IdentityRule } from './types';

/** SQS, SNS and EventBridge. */

const sqsQueue: IdentityRule = (resource, env) => {
  // A FIFO queue's name must end in `.fifo`; CloudFormation's generated names do.
  const name =
    stringProperty(resource, 'QueueName') ??
    generatedName(resource, 80, isTrue(resource.properties.FifoQueue) ? { suffix: '.fifo' } : {});
  const url = `${env.serviceEndpoint}/${env.accountId}/${name}`;
  return { physicalId: url, attributes: { Arn: arn(env, 'sqs', name), QueueName: name, QueueUrl: url } };
};

const snsTopic: IdentityRule = (resource, env) => {
  const name =
    stringProperty(resource, 'TopicName') ??
    generatedName(resource, 256, isTrue(resource.properties.FifoTopic) ? { suffix: '.fifo' } : {});
  const topicArn = arn(env, 'sns', name);
  return { physicalId: topicArn, attributes: { TopicArn: topicArn, TopicName: name } };
};

const snsSubscription: IdentityRule = (resource, env) => {
  const topicArn = stringProperty(resource, 'TopicArn') ?? arn(env, 'sns', 'unknown-topic');
  const subscriptionArn = `${topicArn}:${uuidFrom(seedOf(resource, 'subscription'))}`;
  return { physicalId: subscriptionArn, attributes: { Arn: subscriptionArn } };
};

const eventBus: IdentityRule = (resource, env) => {
  const name = stringProperty(resource, 'Name') ?? generatedName(resource, 256);
  return { physicalId: name, attributes: { Name: name, Arn: arn(env, 'events', `event-bus/${name}`) } };
};

/**
 * A rule's physical id is its name on the default bus and `<bus>|<name>` on a custom one (that is what
 * CloudFormation returns); `EventBusName` may be a name or an ARN.
 */
const eventRule: IdentityRule = (resource, env) => {
  const name = stringProperty(resource, 'Name') ?? generatedName(resource, 64);
  const bus = (stringProperty(resource, 'EventBusName') ?? 'default').replace(/^arn:.*:event-bus\//, '');
  const onDefaultBus = bus === 'default';
  return {
    physicalId: onDefaultBus ? name : `${bus}|${name}`,
    attributes: { Arn: arn(env, 'events', onDefaultBus ? `rule/${name}` : `rule/${bus}/${name}`) },
  };
};

const eventArchive: IdentityRule = (resource, env) => {
  const name = stringProperty(resource, 'ArchiveName') ?? generatedName(resource, 48);
  return { physicalId: name, attributes: { Arn: arn(env, 'events', `archive/${name}`) } };
};

export const MESSAGING_RULES: Readonly<Record<string, IdentityRule>> = {
  'AWS::SQS::Queue': sqsQueue,
  'AWS::SNS::Topic': snsTopic,
  'AWS::SNS::Subscription': snsSubscription,
  'AWS::Events::EventBus': eventBus,
  'AWS::Events::Rule': eventRule,
  'AWS::Events::Archive': eventArchive,
};
