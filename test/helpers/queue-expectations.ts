import type { Template } from 'aws-cdk-lib/assertions';
import type { StageConfig } from '../../lib/config/stage-config';
import { resourceOf, resourcesOfType } from './shop-templates';

/**
 * A consumed queue as every one must be: encrypted, dead-lettered to `dlq` after the stage's
 * maxReceiveCount, both it and its DLQ TLS only, and the DLQ alarmed on its first message.
 */
export function expectDeadLetteredQueue(template: Template, config: StageConfig, queue: string, dlq: string) {
  expect(resourceOf(template, queue).Properties).toMatchObject({
    SqsManagedSseEnabled: true,
    VisibilityTimeout: config.choreography.visibilityTimeout.toSeconds(),
    RedrivePolicy: {
      deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] },
      maxReceiveCount: config.choreography.maxReceiveCount,
    },
  });
  for (const id of [queue, dlq]) {
    const statements = resourcesOfType(template, 'AWS::SQS::QueuePolicy')
      .filter(([, policy]) => JSON.stringify(policy.Properties.Queues).includes(id))
      .flatMap(([, policy]) => (policy.Properties.PolicyDocument as { Statement: object[] }).Statement);
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  }
  const alarms = resourcesOfType(template, 'AWS::CloudWatch::Alarm').filter(([, alarm]) =>
    JSON.stringify(alarm.Properties.Dimensions ?? []).includes(dlq),
  );
  expect(alarms).toHaveLength(1);
}
