import { type Stack, Token } from 'aws-cdk-lib';

/**
 * The start of an ARN in `stack` as cdk-nag prints it in a finding id: pseudo parameters as
 * `<AWS::Region>` when the stack is environment-agnostic, literal values when it is not. Acknowledging a
 * wildcard finding needs its exact id, so that only that one resource is acknowledged.
 */
export function nagArnPrefix(stack: Stack, service: string): string {
  const shown = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);
  return `arn:${shown(stack.partition, 'Partition')}:${service}:${shown(stack.region, 'Region')}:${shown(stack.account, 'AccountId')}`;
}
