import { upperId } from '../deterministic-ids';
import { arn } from '../local-environment';
import { generatedName, nameOf, seedOf, stringProperty } from './names';
import type { IdentityRule } from './types';

/** IAM, logs, alarms and CDK's own metadata: resources the local cloud names but mostly does not enforce. */

function iamPath(path: string | undefined): string {
  return path ?? '/';
}

const iamRole: IdentityRule = (resource, env) => {
  const name = nameOf(resource, 'RoleName', 64);
  return {
    physicalId: name,
    attributes: {
      Arn: arn(env, 'iam', `role${iamPath(stringProperty(resource, 'Path'))}${name}`, { region: '' }),
      RoleId: `AROA${upperId(seedOf(resource, 'role'), 17)}`,
    },
  };
};

const managedPolicy: IdentityRule = (resource, env) => {
  const name = nameOf(resource, 'ManagedPolicyName', 128);
  const policyArn = arn(env, 'iam', `policy${iamPath(stringProperty(resource, 'Path'))}${name}`, {
    region: '',
  });
  return {
    physicalId: policyArn,
    attributes: { PolicyArn: policyArn, PolicyId: `ANPA${upperId(seedOf(resource, 'policy'), 17)}` },
  };
};

/** A log group without a name gets one under `/aws/local/`, so local log files group by stack. */
const logGroup: IdentityRule = (resource, env) => {
  const name =
    stringProperty(resource, 'LogGroupName') ?? `/aws/local/${resource.stackName}/${resource.logicalId}`;
  return { physicalId: name, attributes: { Arn: arn(env, 'logs', `log-group:${name}:*`) } };
};

const alarm: IdentityRule = (resource, env) => {
  const name = nameOf(resource, 'AlarmName', 255);
  return { physicalId: name, attributes: { Arn: arn(env, 'cloudwatch', `alarm:${name}`) } };
};

export const OPERATIONS_RULES: Readonly<Record<string, IdentityRule>> = {
  'AWS::IAM::Role': iamRole,
  'AWS::IAM::Policy': (resource) => {
    const id = generatedName(resource, 128);
    return { physicalId: id, attributes: { Id: id } };
  },
  'AWS::IAM::ManagedPolicy': managedPolicy,
  'AWS::Logs::LogGroup': logGroup,
  'AWS::CloudWatch::Alarm': alarm,
  'AWS::CDK::Metadata': (resource) => ({ physicalId: generatedName(resource, 255), attributes: {} }),
};
