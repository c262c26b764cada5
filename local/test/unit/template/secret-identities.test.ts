import { resolveStacks, STACK } from './resolve-template';

const PREFIX = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:';

describe('a Secrets Manager secret', () => {
  const secret = (properties: Record<string, unknown>, stackName = STACK) => {
    const resolved = resolveStacks([
      {
        stackName,
        template: {
          Resources: {
            Key: { Type: 'AWS::SecretsManager::Secret', Properties: properties },
            Fn: {
              Type: 'AWS::Lambda::Function',
              Properties: {
                Environment: { Variables: { REF: { Ref: 'Key' }, ID: { 'Fn::GetAtt': ['Key', 'Id'] } } },
              },
            },
          },
        },
      },
    ]);
    return { resource: (logicalId: string) => resolved.resource(logicalId, stackName) };
  };

  it('is its ARN, name and six characters, for Ref and Fn::GetAtt Id alike', () => {
    const resolved = secret({ Name: 'shop/provider' });
    const arn = resolved.resource('Key').physicalId;
    expect(arn).toMatch(new RegExp(`^${PREFIX}shop/provider-[A-Za-z0-9]{6}$`));
    expect(resolved.resource('Fn').properties).toEqual({ Environment: { Variables: { REF: arn, ID: arn } } });
  });

  it('without a Name is named as CloudFormation names it: the logical id and 12 characters, stable per stack', () => {
    const arn = secret({}).resource('Key').physicalId;
    expect(arn).toMatch(new RegExp(`^${PREFIX}Key-[A-Za-z0-9]{12}-[A-Za-z0-9]{6}$`));
    expect(secret({}).resource('Key').physicalId).toBe(arn);
    expect(secret({}, `${STACK}Other`).resource('Key').physicalId).not.toBe(arn);
  });
});
