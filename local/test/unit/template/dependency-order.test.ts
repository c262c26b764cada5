// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are CloudFormation Fn::Sub templates
import type { CfnTemplate } from '../../../template/cfn-template';
import { TemplateResolutionError } from '../../../template/resolution-error';
import { topologicalOrder } from '../../../template/topological-order';
import { resolveTemplate, STACK } from './resolve-template';

const order = (template: CfnTemplate) =>
  resolveTemplate(template).resources.map((resource) => resource.logicalId);

describe('resource dependency order', () => {
  it('resolves each resource after what it refers to through Ref, Fn::GetAtt, Fn::Sub and DependsOn', () => {
    expect(
      order({
        Resources: {
          Api: { Type: 'Test::Api', Properties: { Target: { 'Fn::Sub': 'arn:${Fn.Arn}/${Stage}' } } },
          Stage: { Type: 'Test::Stage', Properties: { Role: { 'Fn::GetAtt': 'Role.Arn' } } },
          Fn: { Type: 'AWS::Lambda::Function', Properties: { Role: { 'Fn::GetAtt': ['Role', 'Arn'] } } },
          Alarm: { Type: 'AWS::CloudWatch::Alarm', DependsOn: 'Api' },
          Role: { Type: 'AWS::IAM::Role', DependsOn: ['Table'] },
          Table: { Type: 'AWS::DynamoDB::Table' },
        },
      }),
    ).toEqual(['Table', 'Role', 'Fn', 'Stage', 'Api', 'Alarm']);
  });

  it('does not count Fn::Sub variables defined in its own variable map as resources', () => {
    expect(
      order({
        Resources: {
          First: {
            Type: 'Test::Thing',
            Properties: { V: { 'Fn::Sub': ['${Second}', { Second: 'literal' }] } },
          },
          Second: { Type: 'Test::Thing' },
        },
      }),
    ).toEqual(['First', 'Second']);
  });

  it('reports a cycle with the path that closes it', () => {
    const cyclic: CfnTemplate = {
      Resources: {
        A: { Type: 'Test::Thing', Properties: { V: { Ref: 'B' } } },
        B: { Type: 'Test::Thing', Properties: { V: { 'Fn::GetAtt': ['C', 'Arn'] } } },
        C: { Type: 'Test::Thing', DependsOn: 'A' },
      },
    };
    expect(() => order(cyclic)).toThrow(
      new TemplateResolutionError(`${STACK}/Resources`, 'circular dependency: A -> B -> C -> A'),
    );
  });

  it('ignores references in the Fn::If branch that is not taken', () => {
    expect(
      order({
        Conditions: { Never: { 'Fn::Equals': ['a', 'b'] } },
        Resources: {
          A: { Type: 'Test::Thing', Properties: { V: { 'Fn::If': ['Never', { Ref: 'B' }, 'a'] } } },
          B: { Type: 'Test::Thing', Properties: { V: { Ref: 'A' } } },
        },
      }),
    ).toEqual(['A', 'B']);
  });
});

describe('topologicalOrder', () => {
  const graph: Record<string, string[]> = { a: ['c'], b: [], c: ['b', 'unknown'], d: [] };

  it('keeps the given order where dependencies allow and ignores unknown nodes', () => {
    expect(
      topologicalOrder(
        ['a', 'b', 'c', 'd'],
        (node) => graph[node] ?? [],
        () => new Error('cycle'),
      ),
    ).toEqual(['b', 'c', 'a', 'd']);
  });

  it('detects a self-dependency', () => {
    expect(() =>
      topologicalOrder(
        ['x'],
        () => ['x'],
        (cycle) => new Error(cycle.join('>')),
      ),
    ).toThrow('x>x');
  });
});
