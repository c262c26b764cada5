import type { RuleModel, TargetModel } from '../model/types';

/** The API shapes of the model, as ListRules / DescribeRule / ListTargetsByRule return them. */

export function ruleShape(rule: RuleModel): Record<string, unknown> {
  return withoutUndefined({
    Name: rule.name,
    Arn: rule.arn,
    EventPattern: rule.eventPatternText,
    ScheduleExpression: rule.scheduleExpression,
    State: rule.state,
    Description: rule.description,
    RoleArn: rule.roleArn,
    EventBusName: rule.eventBusName,
  });
}

export function targetShape(target: TargetModel): Record<string, unknown> {
  const transformer = target.inputTransformer;
  return withoutUndefined({
    Id: target.id,
    Arn: target.arn,
    RoleArn: target.roleArn,
    Input: target.input,
    InputPath: target.inputPath,
    InputTransformer: transformer && {
      InputPathsMap: transformer.inputPathsMap,
      InputTemplate: transformer.inputTemplate,
    },
    RetryPolicy: target.retryPolicyDeclared
      ? {
          MaximumRetryAttempts: target.retryPolicy.maximumRetryAttempts,
          MaximumEventAgeInSeconds: target.retryPolicy.maximumEventAgeInSeconds,
        }
      : undefined,
    DeadLetterConfig: target.deadLetterArn === undefined ? undefined : { Arn: target.deadLetterArn },
    SqsParameters:
      target.messageGroupId === undefined ? undefined : { MessageGroupId: target.messageGroupId },
  });
}

function withoutUndefined(shape: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(shape).filter(([, value]) => value !== undefined));
}
