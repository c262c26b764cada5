import { asTemplate, type CfnTemplate } from '../../../template/cfn-template';
import { resolveTemplate, STACK } from './resolve-template';

const template: CfnTemplate = {
  Resources: {
    Fn: { Type: 'AWS::Lambda::Function' },
    Alarm: { Type: 'AWS::CloudWatch::Alarm' },
    Cluster: { Type: 'AWS::ECS::Cluster' },
    Custom: { Type: 'Custom::Seed', Properties: { Table: { Ref: 'Fn' } } },
  },
};

describe('unsupported resources', () => {
  it('reports each resource whose type is neither supported nor ignored, once', () => {
    const result = resolveTemplate(template, {
      supportedTypes: new Set(['AWS::Lambda::Function']),
      ignoredTypes: ['AWS::CloudWatch::Alarm'],
    });
    expect(result.unsupported).toEqual([
      {
        stackName: STACK,
        logicalId: 'Cluster',
        type: 'AWS::ECS::Cluster',
        reason: 'AWS::ECS::Cluster is not emulated by the local cloud: the resource does not exist locally',
      },
      expect.objectContaining({ logicalId: 'Custom', type: 'Custom::Seed' }),
    ]);
  });

  it('still resolves unsupported resources, so what refers to them keeps working', () => {
    const result = resolveTemplate(template, { supportedTypes: [] });
    expect(result.properties('Custom')).toEqual({ Table: `${STACK}-Fn` });
    expect(result.unsupported).toHaveLength(4);
  });

  it('reports nothing when the caller does not say what it supports', () => {
    expect(resolveTemplate(template).unsupported).toEqual([]);
  });

  it('reports template transforms other than AWS::LanguageExtensions, and Fn::ForEach', () => {
    const parsed = asTemplate(
      {
        Transform: ['AWS::LanguageExtensions', 'AWS::Serverless-2016-10-31'],
        Resources: {
          Fn: { Type: 'AWS::Lambda::Function' },
          'Fn::ForEach::Topics': ['Name', ['A', 'B'], {}],
        },
      },
      'inline template',
    );
    const result = resolveTemplate(parsed);
    expect(result.resources.map((resource) => resource.logicalId)).toEqual(['Fn']);
    expect(result.unresolved.map((problem) => problem.intrinsic)).toEqual([
      'Transform AWS::Serverless-2016-10-31',
      'Fn::ForEach',
    ]);
  });
});
