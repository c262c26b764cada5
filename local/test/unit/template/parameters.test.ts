import { probed, resolveTemplate, STACK } from './resolve-template';

describe('parameters', () => {
  it('uses the Default unless the options give a value', () => {
    const extra = { Parameters: { Size: { Type: 'Number', Default: 5 } } };
    expect(probed({ Ref: 'Size' }, extra)).toBe('5');
    expect(probed({ Ref: 'Size' }, extra, { parameters: { [STACK]: { Size: '7' } } })).toBe('7');
  });

  it('makes list parameters lists', () => {
    const extra = {
      Parameters: {
        Names: { Type: 'CommaDelimitedList', Default: 'a, b,c' },
        Subnets: { Type: 'List<AWS::EC2::Subnet::Id>', Default: 'subnet-1,subnet-2' },
      },
    };
    expect(probed([{ Ref: 'Names' }, { 'Fn::Select': [1, { Ref: 'Subnets' }] }], extra)).toEqual([
      ['a', 'b', 'c'],
      'subnet-2',
    ]);
  });

  it("gives an SSM parameter type its Default and ignores the Rules that read it (CDK's bootstrap check)", () => {
    const result = resolveTemplate({
      Parameters: {
        BootstrapVersion: {
          Type: 'AWS::SSM::Parameter::Value<String>',
          Default: '/cdk-bootstrap/hnb659fds/version',
        },
      },
      Rules: {
        CheckBootstrapVersion: {
          Assertions: [{ Assert: { 'Fn::Not': [{ 'Fn::Contains': [['1'], { Ref: 'BootstrapVersion' }] }] } }],
        },
      },
      Resources: { Probe: { Type: 'Test::Probe', Properties: { Value: { Ref: 'BootstrapVersion' } } } },
    });
    expect(result.properties('Probe').Value).toBe('/cdk-bootstrap/hnb659fds/version');
    expect(result.unresolved).toEqual([]);
  });

  it('fails clearly for a parameter with neither a Default nor a value', () => {
    expect(() => probed('x', { Parameters: { Secret: { Type: 'String' } } })).toThrow(
      `${STACK}/Parameters/Secret: parameter Secret (String) has no Default and no value was given for it`,
    );
  });
});
