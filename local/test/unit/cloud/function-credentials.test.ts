import { evaluatePolicy } from '../../../apigateway/authorizer-policy';
import { functionCredentials } from '../../../cloud/function-credentials';
import type { ResolvedResource } from '../../../model/resolved-resource';

const resource = (
  type: string,
  physicalId: string,
  properties: Record<string, unknown>,
  attributes: Record<string, string> = {},
): ResolvedResource => ({
  stackName: 'S',
  logicalId: physicalId,
  type,
  physicalId,
  properties,
  attributes,
  metadata: {},
});

const METHOD = 'arn:aws:execute-api:us-east-1:000000000000:api1/prod/GET/things/1';
const allowInvoke = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: METHOD }],
};

describe('function credentials', () => {
  const resources = [
    resource('AWS::IAM::Role', 'granted-role', {}, { Arn: 'arn:aws:iam::000000000000:role/granted-role' }),
    resource('AWS::IAM::Policy', 'grant', { Roles: ['granted-role'], PolicyDocument: allowInvoke }),
    resource('AWS::Lambda::Function', 'granted-fn', { Role: 'arn:aws:iam::000000000000:role/granted-role' }),
    resource('AWS::Lambda::Function', 'imported-fn', {
      Role: 'arn:aws:iam::123456789012:role/team/elsewhere',
    }),
  ];

  it("give a function with a role in the templates that role's policies", () => {
    const principal = functionCredentials(resources).get('granted-fn')?.principal;
    expect(principal?.arn).toBe('arn:aws:sts::000000000000:assumed-role/granted-role/granted-fn');
    expect(principal?.policies.map((policy) => evaluatePolicy(policy, METHOD))).toContain('ALLOW');
  });

  it('give a function whose role is imported a principal with no policies (refused), and say so', () => {
    const warnings: string[] = [];
    const principal = functionCredentials(resources, (message) => warnings.push(message)).get(
      'imported-fn',
    )?.principal;
    // A principal without policies: IAM-authorized methods deny it, rather than admit it unchecked.
    expect(principal).toEqual({
      arn: 'arn:aws:sts::000000000000:assumed-role/elsewhere/imported-fn',
      roleArn: 'arn:aws:iam::123456789012:role/team/elsewhere',
      policies: [],
    });
    expect(warnings).toEqual([
      expect.stringMatching(
        /^function imported-fn: its role arn:aws:iam::123456789012:role\/team\/elsewhere is not in the templates/,
      ),
    ]);
  });
});
