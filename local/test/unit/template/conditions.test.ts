import type { CfnTemplate } from '../../../template/cfn-template';
import { probed, resolveTemplate, STACK } from './resolve-template';

const withStage = (conditions: Record<string, unknown>, extra: CfnTemplate = {}): CfnTemplate => ({
  Parameters: { Stage: { Type: 'String', Default: 'dev' } },
  Conditions: conditions,
  ...extra,
});

describe('Conditions and Fn::If', () => {
  it('evaluates Fn::Equals, Fn::Not, Fn::And, Fn::Or and Condition references', () => {
    const template = withStage({
      IsDev: { 'Fn::Equals': [{ Ref: 'Stage' }, 'dev'] },
      IsProd: { 'Fn::Equals': ['prod', { Ref: 'Stage' }] },
      NotProd: { 'Fn::Not': [{ Condition: 'IsProd' }] },
      DevAndNotProd: { 'Fn::And': [{ Condition: 'IsDev' }, { Condition: 'NotProd' }] },
      DevOrProd: {
        'Fn::Or': [{ Condition: 'IsProd' }, { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] }],
      },
      Neither: { 'Fn::And': [{ Condition: 'IsProd' }, { Condition: 'IsDev' }] },
      SameAsDev: { Condition: 'IsDev' },
    });
    const value = {
      isDev: { 'Fn::If': ['IsDev', 'yes', 'no'] },
      isProd: { 'Fn::If': ['IsProd', 'yes', 'no'] },
      notProd: { 'Fn::If': ['NotProd', 'yes', 'no'] },
      and: { 'Fn::If': ['DevAndNotProd', 'yes', 'no'] },
      or: { 'Fn::If': ['DevOrProd', 'yes', 'no'] },
      neither: { 'Fn::If': ['Neither', 'yes', 'no'] },
      alias: { 'Fn::If': ['SameAsDev', 'yes', 'no'] },
    };
    expect(probed(value, template)).toEqual({
      isDev: 'yes',
      isProd: 'no',
      notProd: 'yes',
      and: 'yes',
      or: 'yes',
      neither: 'no',
      alias: 'yes',
    });
  });

  it('takes parameter values from the options, per stack', () => {
    const template = withStage({ IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] } });
    expect(
      probed({ 'Fn::If': ['IsProd', 'big', 'small'] }, template, {
        parameters: { [STACK]: { Stage: 'prod' } },
      }),
    ).toBe('big');
  });

  it('evaluates only the branch taken, so the other may refer to a resource that is not created', () => {
    const template = withStage(
      { IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] } },
      { Resources: { Replica: { Type: 'AWS::SQS::Queue', Condition: 'IsProd' } } },
    );
    expect(
      probed({ 'Fn::If': ['IsProd', { Ref: 'Replica' }, { Ref: 'AWS::NoValue' }] }, template),
    ).toBeUndefined();
  });

  it('leaves out resources and outputs whose condition is false', () => {
    const result = resolveTemplate({
      ...withStage({ IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] } }),
      Resources: {
        Always: { Type: 'AWS::SQS::Queue' },
        ProdOnly: { Type: 'AWS::SQS::Queue', Condition: 'IsProd' },
      },
      Outputs: {
        AlwaysUrl: { Value: { Ref: 'Always' } },
        ProdUrl: { Value: { Ref: 'ProdOnly' }, Condition: 'IsProd' },
      },
    });
    expect(result.resources.map((resource) => resource.logicalId)).toEqual(['Always']);
    expect(result.outputs).toEqual({
      [STACK]: { AlwaysUrl: `http://localhost:4566/000000000000/${STACK}-Always` },
    });
  });

  it('fails clearly when a created resource refers to one that is not created', () => {
    expect(() =>
      resolveTemplate({
        ...withStage({ IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] } }),
        Resources: {
          ProdOnly: { Type: 'AWS::SQS::Queue', Condition: 'IsProd' },
          User: { Type: 'AWS::Lambda::Function', Properties: { Description: { Ref: 'ProdOnly' } } },
        },
      }),
    ).toThrow('refers to ProdOnly, which is not created because its condition IsProd is false');
  });

  it('fails on an undefined, circular or malformed condition', () => {
    expect(() => probed({ 'Fn::If': ['Odd', 1, 2] }, withStage({ Odd: 'maybe' }))).toThrow(
      `${STACK}/Conditions/Odd: expected a condition, got "maybe"`,
    );
    expect(() => probed({ 'Fn::If': ['Missing', 1, 2] }, withStage({}))).toThrow(
      'condition Missing is not defined in Conditions',
    );
    expect(() =>
      probed(
        { 'Fn::If': ['A', 1, 2] },
        withStage({ A: { 'Fn::Not': [{ Condition: 'B' }] }, B: { 'Fn::Not': [{ Condition: 'A' }] } }),
      ),
    ).toThrow('circular conditions: A -> B -> A');
  });
});
