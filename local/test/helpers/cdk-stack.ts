import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { ResolvedResource } from '../../model/resolved-resource';
import type { CfnTemplate } from '../../template/cfn-template';
import { resolveAssembly } from '../../template/resolve-assembly';

/**
 * A CDK stack with one inline function, for tests of what CDK's constructs synthesize: build on `stack`,
 * then `resolve()` synthesizes it and answers its resources as the local cloud resolves them.
 */
export function stackWithFunction(stackName: string) {
  const app = new App();
  const stack = new Stack(app, stackName);
  const fn = new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({})'),
  });
  /** The function's ARN as the local cloud names it. */
  const functionArn = `arn:aws:lambda:us-east-1:000000000000:function:${stackName}-${stack.getLogicalId(fn.node.defaultChild as lambda.CfnFunction)}`;
  const resolve = (): readonly ResolvedResource[] => {
    const template = app.synth().getStackByName(stackName).template as CfnTemplate;
    return resolveAssembly([{ stackName, template }]).resources;
  };
  return { stack, fn, functionArn, resolve };
}
