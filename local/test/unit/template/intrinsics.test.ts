// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are CloudFormation Fn::Sub templates
import { TemplateResolutionError } from '../../../template/resolution-error';
import { probe, probed, resolveTemplate, STACK } from './resolve-template';

const FN_ARN = `arn:aws:lambda:us-east-1:000000000000:function:${STACK}-Fn`;

describe('Ref', () => {
  it('gives a resource its physical id and a parameter its value', () => {
    const extra = { Parameters: { Stage: { Type: 'String', Default: 'dev' } } };
    expect(probed({ Ref: 'Table' })).toBe('orders');
    expect(probed({ Ref: 'Stage' }, extra)).toBe('dev');
  });

  it.each([
    ['AWS::AccountId', '000000000000'],
    ['AWS::Region', 'us-east-1'],
    ['AWS::Partition', 'aws'],
    ['AWS::URLSuffix', 'amazonaws.com'],
    ['AWS::StackName', STACK],
  ])('resolves the pseudo parameter %s', (name, value) => {
    expect(probed({ Ref: name })).toBe(value);
  });

  it('gives AWS::StackId a stable stack ARN and AWS::NotificationARNs an empty list', () => {
    expect(probed({ Ref: 'AWS::StackId' })).toMatch(
      /^arn:aws:cloudformation:us-east-1:000000000000:stack\/TestStack\/[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(probed({ Ref: 'AWS::StackId' })).toBe(probed({ Ref: 'AWS::StackId' }));
    expect(probed({ Ref: 'AWS::NotificationARNs' })).toEqual([]);
  });

  it('removes the key or list element that AWS::NoValue resolves to', () => {
    expect(probed({ keep: 1, drop: { Ref: 'AWS::NoValue' } })).toEqual({ keep: 1 });
    expect(probed(['a', { Ref: 'AWS::NoValue' }, 'b'])).toEqual(['a', 'b']);
    expect(resolveTemplate(probe({ Ref: 'AWS::NoValue' })).properties('Probe')).toEqual({});
  });

  it('fails clearly on a name that is nothing', () => {
    expect(() => probed({ Ref: 'Nothing' })).toThrow(
      new TemplateResolutionError(
        `${STACK}/Resources/Probe/Properties/Value`,
        'Ref to Nothing, which is no resource, parameter or pseudo parameter',
      ),
    );
  });
});

describe('Fn::GetAtt', () => {
  it('takes the list form, the dotted string form and an attribute name given by an intrinsic', () => {
    const extra = { Parameters: { Attribute: { Type: 'String', Default: 'Arn' } } };
    expect(probed({ 'Fn::GetAtt': ['Fn', 'Arn'] })).toBe(FN_ARN);
    expect(probed({ 'Fn::GetAtt': 'Fn.Arn' })).toBe(FN_ARN);
    expect(probed({ 'Fn::GetAtt': ['Fn', { Ref: 'Attribute' }] }, extra)).toBe(FN_ARN);
  });

  it('reports an attribute the local cloud does not know, with a placeholder in its place', () => {
    const result = resolveTemplate(probe({ 'Fn::GetAtt': ['Fn', 'SnapStartResponse'] }));
    expect(result.properties('Probe').Value).toBe('UNRESOLVED(Fn::GetAtt Fn.SnapStartResponse)');
    expect(result.unresolved).toEqual([
      {
        stackName: STACK,
        location: `${STACK}/Resources/Probe/Properties/Value`,
        intrinsic: 'Fn::GetAtt Fn.SnapStartResponse',
        reason: 'the local cloud has no SnapStartResponse attribute for AWS::Lambda::Function',
        placeholder: 'UNRESOLVED(Fn::GetAtt Fn.SnapStartResponse)',
      },
    ]);
  });
});

describe('Fn::Join and Fn::Sub', () => {
  it('joins resolved parts', () => {
    expect(probed({ 'Fn::Join': ['/', ['a', { Ref: 'Table' }, { Ref: 'AWS::Region' }]] })).toBe(
      'a/orders/us-east-1',
    );
  });

  it('drops AWS::NoValue parts of a join', () => {
    expect(probed({ 'Fn::Join': ['-', ['a', { Ref: 'AWS::NoValue' }, 'b']] })).toBe('a-b');
  });

  it('substitutes parameters, pseudo parameters and Resource.Attribute references', () => {
    expect(probed({ 'Fn::Sub': '${Table}|${AWS::AccountId}|${Fn.Arn}|${Table.StreamArn}' })).toBe(
      `orders|000000000000|${FN_ARN}|arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/2026-01-01T00:00:00.000`,
    );
  });

  it('keeps ${!Literal} as the literal ${Literal}', () => {
    expect(probed({ 'Fn::Sub': 'x-${!Literal}-${!AWS::Region}-${AWS::Region}' })).toBe(
      'x-${Literal}-${AWS::Region}-us-east-1',
    );
  });

  it('prefers the variables of the [template, variables] form, which may be intrinsics themselves', () => {
    expect(
      probed({
        'Fn::Sub': ['${Table}:${Name}', { Table: 'shadowed', Name: { 'Fn::GetAtt': ['Fn', 'Arn'] } }],
      }),
    ).toBe(`shadowed:${FN_ARN}`);
  });

  it('evaluates a Sub nested inside a Join', () => {
    expect(
      probed({ 'Fn::Join': ['', ['https://', { 'Fn::Sub': '${Table}.example.${AWS::URLSuffix}' }, '/v1']] }),
    ).toBe('https://orders.example.amazonaws.com/v1');
  });
});

describe('list and encoding functions', () => {
  it('selects from a split string', () => {
    expect(probed({ 'Fn::Select': [1, { 'Fn::Split': [':', { 'Fn::GetAtt': ['Fn', 'Arn'] }] }] })).toBe(
      'aws',
    );
    expect(probed({ 'Fn::Select': ['6', { 'Fn::Split': [':', { 'Fn::GetAtt': ['Fn', 'Arn'] }] }] })).toBe(
      `${STACK}-Fn`,
    );
  });

  it('fails on an index outside the list', () => {
    expect(() => probed({ 'Fn::Select': [3, ['a', 'b']] })).toThrow(
      'Fn::Select index 3 is outside a list of 2',
    );
  });

  it('finds values in Mappings, falling back to a DefaultValue', () => {
    const extra = { Mappings: { Sizes: { dev: { memory: 256 } } } };
    expect(probed({ 'Fn::FindInMap': ['Sizes', 'dev', 'memory'] }, extra)).toBe(256);
    expect(probed({ 'Fn::FindInMap': ['Sizes', 'prod', 'memory', { DefaultValue: 1024 }] }, extra)).toBe(
      1024,
    );
    expect(() => probed({ 'Fn::FindInMap': ['Sizes', 'prod', 'memory'] }, extra)).toThrow(
      'Fn::FindInMap: Mappings has no Sizes.prod.memory',
    );
  });

  it('encodes Base64, counts with Fn::Length and serialises with Fn::ToJsonString', () => {
    expect(probed({ 'Fn::Base64': { 'Fn::Sub': 'table=${Table}' } })).toBe(
      Buffer.from('table=orders').toString('base64'),
    );
    expect(probed({ 'Fn::Length': { 'Fn::Split': [',', 'a,b,c'] } })).toBe(3);
    expect(probed({ 'Fn::ToJsonString': { table: { Ref: 'Table' }, n: [1] } })).toBe(
      '{"table":"orders","n":[1]}',
    );
  });

  it('gives the local region three availability zones', () => {
    expect(probed({ 'Fn::GetAZs': '' })).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    expect(probed({ 'Fn::Select': [0, { 'Fn::GetAZs': { Ref: 'AWS::Region' } }] })).toBe('us-east-1a');
  });
});

describe('what cannot be evaluated', () => {
  it('reports an intrinsic function the local cloud does not evaluate instead of passing it through', () => {
    const result = resolveTemplate(probe({ Cidr: { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] } }));
    expect(result.properties('Probe').Value).toEqual({ Cidr: 'UNRESOLVED(Fn::Cidr)' });
    expect(result.unresolved).toEqual([
      expect.objectContaining({
        intrinsic: 'Fn::Cidr',
        location: `${STACK}/Resources/Probe/Properties/Value/Cidr`,
      }),
    ]);
  });

  it('treats objects with more than one key, or a non-intrinsic key, as plain data', () => {
    const data = { Ref: 'Table', Other: 1, nested: { $ref: '#/definitions/x' } };
    expect(probed(data)).toEqual(data);
  });
});
