// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are CloudFormation Fn::Sub templates
import type { CfnTemplate } from '../../../template/cfn-template';
import { orderStacks } from '../../../template/stack-order';
import { resolveStacks } from './resolve-template';

const producer: CfnTemplate = {
  Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'place-order' } } },
  Outputs: {
    FnArn: { Value: { 'Fn::GetAtt': ['Fn', 'Arn'] }, Export: { Name: 'Producer:FnArn' } },
    FnName: { Value: { Ref: 'Fn' }, Export: { Name: { 'Fn::Sub': '${AWS::StackName}-FnName' } } },
    Weak: { Value: { 'Fn::Join': ['', ['weak-', { Ref: 'Fn' }]] } },
  },
};

const consumer: CfnTemplate = {
  Resources: {
    Method: {
      Type: 'AWS::ApiGateway::Method',
      Properties: {
        Uri: {
          'Fn::Join': [
            '',
            [
              'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/',
              { 'Fn::ImportValue': 'Producer:FnArn' },
              '/invocations',
            ],
          ],
        },
        Name: { 'Fn::ImportValue': { 'Fn::Sub': 'Producer-FnName' } },
        Weak: {
          'Fn::GetStackOutput': { StackName: 'Producer', OutputName: 'Weak', Region: { Ref: 'AWS::Region' } },
        },
      },
    },
  },
};

describe('cross-stack references', () => {
  it('resolves Fn::ImportValue and Fn::GetStackOutput from a stack given after the one that uses it', () => {
    const result = resolveStacks([
      { stackName: 'Consumer', template: consumer },
      { stackName: 'Producer', template: producer },
    ]);
    expect(result.properties('Method', 'Consumer')).toEqual({
      Uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:place-order/invocations',
      Name: 'place-order',
      Weak: 'weak-place-order',
    });
    expect(result.exports).toEqual({
      'Producer:FnArn': 'arn:aws:lambda:us-east-1:000000000000:function:place-order',
      'Producer-FnName': 'place-order',
    });
    expect(result.outputs.Producer).toEqual({
      FnArn: 'arn:aws:lambda:us-east-1:000000000000:function:place-order',
      FnName: 'place-order',
      Weak: 'weak-place-order',
    });
  });

  it('orders stacks by declared dependencies, imports and stack outputs, keeping the given order otherwise', () => {
    const plain: CfnTemplate = { Resources: {} };
    const names = (stacks: Array<{ stackName: string }>) => stacks.map((stack) => stack.stackName);
    expect(
      names(
        orderStacks([
          { stackName: 'Consumer', template: consumer },
          { stackName: 'Independent', template: plain },
          { stackName: 'Declared', template: plain, dependencies: ['Last'] },
          { stackName: 'Producer', template: producer },
          { stackName: 'Last', template: plain },
        ]),
      ),
    ).toEqual(['Producer', 'Consumer', 'Independent', 'Last', 'Declared']);
  });

  it('fails on stacks that depend on each other', () => {
    const plain: CfnTemplate = { Resources: {} };
    expect(() =>
      orderStacks([
        { stackName: 'A', template: plain, dependencies: ['B'] },
        { stackName: 'B', template: plain, dependencies: ['A'] },
      ]),
    ).toThrow('Circular dependency between stacks: A -> B -> A');
  });

  it('fails clearly on an import nobody exports, and on an output that does not exist', () => {
    expect(() => resolveStacks([{ stackName: 'Consumer', template: consumer }])).toThrow(
      'Consumer/Resources/Method/Properties/Uri/Fn::Join/1: Fn::ImportValue Producer:FnArn: no stack resolved before Consumer exports it',
    );
    const wrongOutput: CfnTemplate = {
      Resources: {
        Probe: {
          Type: 'Test::Probe',
          Properties: { V: { 'Fn::GetStackOutput': { StackName: 'Producer', OutputName: 'Nope' } } },
        },
      },
    };
    expect(() =>
      resolveStacks([
        { stackName: 'Producer', template: producer },
        { stackName: 'Reader', template: wrongOutput },
      ]),
    ).toThrow('Fn::GetStackOutput: stack Producer has no output Nope');
  });

  it('fails when two stacks export the same name', () => {
    expect(() =>
      resolveStacks([
        { stackName: 'Producer', template: producer },
        {
          stackName: 'Copy',
          template: { ...producer, Outputs: { Again: { Value: 'x', Export: { Name: 'Producer:FnArn' } } } },
        },
      ]),
    ).toThrow('Export Producer:FnArn is exported twice (again by Copy)');
  });
});
