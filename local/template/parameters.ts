import type { CfnTemplate } from './cfn-template';
import { uuidFrom } from './deterministic-ids';
import { NO_VALUE } from './intrinsics/types';
import type { LocalEnvironment } from './local-environment';
import { TemplateResolutionError } from './resolution-error';

/**
 * The values `Ref` gives for a stack's parameters: the value the caller passed, else the Default. An
 * `AWS::SSM::Parameter::Value<...>` parameter without a given value also takes its Default: there is no
 * Parameter Store to read, and CDK's only such parameter (BootstrapVersion) is read solely by the Rules
 * section, which the local cloud ignores. A parameter with neither is an error, as in CloudFormation.
 */
export function parameterValues(
  stackName: string,
  template: CfnTemplate,
  given: Readonly<Record<string, string>> = {},
): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const [name, parameter] of Object.entries(template.Parameters ?? {})) {
    const raw = given[name] ?? parameter.Default;
    if (raw === undefined) {
      throw new TemplateResolutionError(
        `${stackName}/Parameters/${name}`,
        `parameter ${name} (${parameter.Type}) has no Default and no value was given for it`,
      );
    }
    values.set(name, typed(parameter.Type, raw));
  }
  return values;
}

/** List parameters are lists for `Ref`; every other parameter is a string, numbers included. */
function typed(type: string, raw: unknown): unknown {
  const text = Array.isArray(raw) ? raw.map(String).join(',') : String(raw);
  const isList = type === 'CommaDelimitedList' || /^List<.*>$/.test(type) || /Value<List<.*>>$/.test(type);
  return isList ? text.split(',').map((item) => item.trim()) : text;
}

/** AWS::AccountId, AWS::Region, ...: what the pseudo parameters are in the local cloud. */
export function pseudoParameters(stackName: string, env: LocalEnvironment): Map<string, unknown> {
  return new Map<string, unknown>([
    ['AWS::AccountId', env.accountId],
    ['AWS::Region', env.region],
    ['AWS::Partition', env.partition],
    ['AWS::URLSuffix', env.urlSuffix],
    ['AWS::StackName', stackName],
    [
      'AWS::StackId',
      `arn:${env.partition}:cloudformation:${env.region}:${env.accountId}:stack/${stackName}/${uuidFrom(`stack:${stackName}`)}`,
    ],
    ['AWS::NotificationARNs', []],
    ['AWS::NoValue', NO_VALUE],
  ]);
}
