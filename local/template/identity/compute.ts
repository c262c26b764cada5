import { uuidFrom } from '../deterministic-ids';
import { arn, type LocalEnvironment } from '../local-environment';
import { generatedName, nameOf, seedOf, stringProperty } from './names';
import type { IdentityRule } from './types';

/** Lambda and Step Functions. */

/** `FunctionName` properties take a name, a partial ARN or a full ARN. */
function functionArn(functionName: string, env: LocalEnvironment): string {
  return functionName.startsWith('arn:') ? functionName : arn(env, 'lambda', `function:${functionName}`);
}

const lambdaFunction: IdentityRule = (resource, env) => {
  const name = nameOf(resource, 'FunctionName', 64);
  return { physicalId: name, attributes: { Arn: functionArn(name, env) } };
};

const lambdaVersion: IdentityRule = (resource, env) => {
  const target = functionArn(stringProperty(resource, 'FunctionName') ?? '', env);
  return { physicalId: `${target}:1`, attributes: { Version: '1', FunctionArn: target } };
};

const lambdaAlias: IdentityRule = (resource, env) => {
  const aliasArn = `${functionArn(stringProperty(resource, 'FunctionName') ?? '', env)}:${stringProperty(resource, 'Name') ?? resource.logicalId}`;
  return { physicalId: aliasArn, attributes: { AliasArn: aliasArn } };
};

const lambdaLayer: IdentityRule = (resource, env) => {
  const layerArn = arn(env, 'lambda', `layer:${nameOf(resource, 'LayerName', 64)}:1`);
  return { physicalId: layerArn, attributes: { LayerVersionArn: layerArn } };
};

const eventSourceMapping: IdentityRule = (resource, env) => {
  const id = uuidFrom(seedOf(resource, 'event-source-mapping'));
  return {
    physicalId: id,
    attributes: { Id: id, EventSourceMappingArn: arn(env, 'lambda', `event-source-mapping:${id}`) },
  };
};

const stateMachine: IdentityRule = (resource, env) => {
  const name = nameOf(resource, 'StateMachineName', 80);
  const machineArn = arn(env, 'states', `stateMachine:${name}`);
  return {
    physicalId: machineArn,
    attributes: { Arn: machineArn, Name: name, StateMachineRevisionId: machineArn },
  };
};

const activity: IdentityRule = (resource, env) => {
  const name = nameOf(resource, 'Name', 80);
  const activityArn = arn(env, 'states', `activity:${name}`);
  return { physicalId: activityArn, attributes: { Arn: activityArn, Name: name } };
};

export const COMPUTE_RULES: Readonly<Record<string, IdentityRule>> = {
  'AWS::Lambda::Function': lambdaFunction,
  'AWS::Lambda::Version': lambdaVersion,
  'AWS::Lambda::Alias': lambdaAlias,
  'AWS::Lambda::LayerVersion': lambdaLayer,
  'AWS::Lambda::EventSourceMapping': eventSourceMapping,
  'AWS::Lambda::Permission': (resource) => ({ physicalId: generatedName(resource, 128), attributes: {} }),
  'AWS::StepFunctions::StateMachine': stateMachine,
  'AWS::StepFunctions::Activity': activity,
};
