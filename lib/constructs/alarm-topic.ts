import { type IAspect, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, type IConstruct } from 'constructs';
import type { StageConfig } from '../config/stage-config';

/** The stage's one alarm topic: its name, so every stack can address it by ARN without an export. */
export const alarmTopicName = (config: StageConfig) => `${config.stackPrefix}-alarms`;

/**
 * Where every alarm of the stage notifies: one SNS topic per stage, encrypted with SNS's AWS-managed key,
 * TLS only. Whoever is on call subscribes to it (email, chat, paging); nothing subscribes by default.
 */
export class AlarmTopic extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: { readonly config: StageConfig }) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', {
      topicName: alarmTopicName(props.config),
      displayName: `Shop ${props.config.stage} alarms`,
      enforceSSL: true,
      masterKey: kms.Alias.fromAliasName(this, 'SnsKey', 'alias/aws/sns'),
    });
  }
}

/**
 * Gives every CloudWatch alarm of the app the stage's topic as its alarm and OK action, so that none is
 * forgotten: a new alarm anywhere notifies without a line of its own. By ARN (the topic's fixed name in
 * the alarm's own account and region), so no stack depends on the one that holds the topic.
 */
export class NotifyStageAlarmTopic implements IAspect {
  constructor(private readonly config: StageConfig) {}

  visit(node: IConstruct): void {
    if (!(node instanceof cloudwatch.CfnAlarm)) return;
    const arn = Stack.of(node).formatArn({ service: 'sns', resource: alarmTopicName(this.config) });
    node.alarmActions = [arn];
    node.okActions = [arn];
  }
}
