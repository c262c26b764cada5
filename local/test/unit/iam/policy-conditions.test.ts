import { type ContextValue, conditionsMatch } from '../../../iam/policy-conditions';

/**
 * Condition operators as IAM documents them
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html):
 * one table row per case, a key the context has and one it does not.
 */
const context = (entries: Record<string, ContextValue>) =>
  new Map(Object.entries(entries).map(([key, value]) => [key.toLowerCase(), value]));

const REQUEST = context({
  'aws:SourceIp': '192.0.2.10',
  'aws:PrincipalArn': 'arn:aws:iam::000000000000:role/PlaceOrderRole',
  'aws:CurrentTime': '2026-06-01T12:00:00Z',
  'aws:EpochTime': '1780315200',
  'aws:SecureTransport': 'false',
  'aws:UserAgent': 'curl/8.5.0',
  'test:Count': '10',
  'test:Binary': Buffer.from('hello').toString('base64'),
  'test:Tags': ['env', 'team'],
  'test:Empty': [],
});

const holds = (operator: string, key: string, value: unknown, request = REQUEST) =>
  conditionsMatch({ [operator]: { [key]: value } }, request).matches;

describe('string operators', () => {
  it.each([
    ['StringEquals', 'curl/8.5.0', true],
    ['StringEquals', 'CURL/8.5.0', false],
    ['StringEquals', 'curl/*', false],
    ['StringNotEquals', 'curl/8.5.0', false],
    ['StringNotEquals', 'wget', true],
    ['StringEqualsIgnoreCase', 'CURL/8.5.0', true],
    ['StringNotEqualsIgnoreCase', 'CURL/8.5.0', false],
    ['StringLike', 'curl/*', true],
    ['StringLike', 'curl/8.?.0', true],
    ['StringLike', 'Curl/*', false],
    ['StringLike', 'curl/8.?0', false],
    ['StringNotLike', 'curl/*', false],
    ['StringNotLike', 'wget/*', true],
  ])('%s %j on aws:UserAgent: %s', (operator, value, expected) => {
    expect(holds(operator, 'aws:UserAgent', value)).toBe(expected);
  });

  it('match any of several values (OR), and a negated operator none of them (NOR)', () => {
    expect(holds('StringEquals', 'aws:UserAgent', ['wget', 'curl/8.5.0'])).toBe(true);
    expect(holds('StringNotEquals', 'aws:UserAgent', ['wget', 'curl/8.5.0'])).toBe(false);
    expect(holds('StringNotEquals', 'aws:UserAgent', ['wget', 'httpie'])).toBe(true);
  });

  it('compare key names case-insensitively', () => {
    expect(holds('StringEquals', 'AWS:USERAGENT', 'curl/8.5.0')).toBe(true);
  });
});

describe('numeric, date, Bool and binary operators', () => {
  it.each([
    ['NumericEquals', 'test:Count', '10', true],
    ['NumericEquals', 'test:Count', 10, true],
    ['NumericEquals', 'test:Count', '10.0', true],
    ['NumericNotEquals', 'test:Count', '10', false],
    ['NumericLessThan', 'test:Count', '11', true],
    ['NumericLessThan', 'test:Count', '10', false],
    ['NumericLessThanEquals', 'test:Count', '10', true],
    ['NumericGreaterThan', 'test:Count', '9', true],
    ['NumericGreaterThanEquals', 'test:Count', '11', false],
    // A key holding text compares with no number, either way.
    ['NumericEquals', 'aws:UserAgent', '10', false],
    ['NumericNotEquals', 'aws:UserAgent', '10', false],
    ['DateEquals', 'aws:CurrentTime', '2026-06-01T12:00:00Z', true],
    ['DateEquals', 'aws:CurrentTime', '1780315200', true],
    ['DateNotEquals', 'aws:CurrentTime', '2026-06-01T12:00:00Z', false],
    ['DateLessThan', 'aws:CurrentTime', '2026-12-31T00:00:00Z', true],
    ['DateLessThan', 'aws:CurrentTime', '2026-01-01', false],
    ['DateLessThanEquals', 'aws:CurrentTime', '2026-06-01T12:00:00Z', true],
    ['DateGreaterThan', 'aws:CurrentTime', '2026-01-01T00:00:00+02:00', true],
    ['DateGreaterThanEquals', 'aws:EpochTime', '2026-06-01T12:00:01Z', false],
    ['Bool', 'aws:SecureTransport', 'false', true],
    ['Bool', 'aws:SecureTransport', false, true],
    ['Bool', 'aws:SecureTransport', 'TRUE', false],
    ['BinaryEquals', 'test:Binary', Buffer.from('hello').toString('base64'), true],
    ['BinaryEquals', 'test:Binary', Buffer.from('hellO').toString('base64'), false],
  ])('%s on %s %j: %s', (operator, key, value, expected) => {
    expect(holds(operator, key, value)).toBe(expected);
  });
});

describe('IpAddress and NotIpAddress', () => {
  const v6 = context({ 'aws:SourceIp': '2001:db8:85a3::8a2e:370:7334' });
  const mapped = context({ 'aws:SourceIp': '::ffff:192.0.2.10' });
  it.each([
    ['IpAddress', REQUEST, '192.0.2.0/24', true],
    ['IpAddress', REQUEST, '192.0.2.10', true],
    ['IpAddress', REQUEST, '192.0.2.11/32', false],
    ['IpAddress', REQUEST, ['198.51.100.0/24', '192.0.0.0/8'], true],
    ['IpAddress', REQUEST, '0.0.0.0/0', true],
    ['NotIpAddress', REQUEST, '192.0.2.0/24', false],
    ['NotIpAddress', REQUEST, '198.51.100.0/24', true],
    ['IpAddress', v6, '2001:db8::/32', true],
    ['IpAddress', v6, '2001:db8:85a3::/48', true],
    ['IpAddress', v6, '2001:db9::/32', false],
    ['IpAddress', v6, '2001:DB8:85A3:0:0:8A2E:370:7334/128', true],
    ['NotIpAddress', v6, '2001:db8::/32', false],
    // Families never cross: an IPv4 caller is outside every IPv6 range and the reverse.
    ['IpAddress', v6, '0.0.0.0/0', false],
    ['IpAddress', REQUEST, '::/0', false],
    ['NotIpAddress', REQUEST, '::/0', true],
    // An IPv4-mapped IPv6 address is the IPv4 address.
    ['IpAddress', mapped, '192.0.2.0/24', true],
  ])('%s %#: %j -> %s', (operator, request, value, expected) => {
    expect(holds(operator, 'aws:SourceIp', value, request)).toBe(expected);
  });

  it('refuse a range that is not one, saying so', () => {
    expect(conditionsMatch({ IpAddress: { 'aws:SourceIp': '192.0.2.0/33' } }, REQUEST)).toEqual({
      matches: false,
      problem: "condition IpAddress on 'aws:SourceIp': '192.0.2.0/33' is not an IP address or CIDR range",
    });
  });
});

describe('ARN operators', () => {
  it.each([
    ['ArnEquals', 'arn:aws:iam::000000000000:role/PlaceOrderRole', true],
    ['ArnLike', 'arn:aws:iam::*:role/Place*', true],
    ['ArnLike', 'arn:aws:iam::000000000000:role/*', true],
    ['ArnLike', 'arn:aws:iam::000000000000:role/placeorderrole', false],
    // Each part is matched on its own: a * does not reach across the colons.
    ['ArnLike', 'arn:aws:*', false],
    ['ArnLike', 'arn:aws:*:*:*:*', true],
    ['ArnLike', 'arn:aws:sts::000000000000:*', false],
    ['ArnNotEquals', 'arn:aws:iam::000000000000:role/PlaceOrderRole', false],
    ['ArnNotLike', 'arn:aws:iam::000000000000:role/Other*', true],
  ])('%s %j: %s', (operator, value, expected) => {
    expect(holds(operator, 'aws:PrincipalArn', value)).toBe(expected);
  });
});

describe('a missing key', () => {
  it.each([
    ['StringEquals', false],
    ['StringLike', false],
    ['NumericLessThan', false],
    ['DateGreaterThan', false],
    ['Bool', false],
    ['IpAddress', false],
    ['ArnLike', false],
    // A negated operator is satisfied by a key that is not there.
    ['StringNotEquals', true],
    ['StringNotLike', true],
    ['NotIpAddress', true],
    ['ArnNotLike', true],
    ['DateNotEquals', true],
    // IfExists: no key, no condition.
    ['StringEqualsIfExists', true],
    ['IpAddressIfExists', true],
    ['BoolIfExists', true],
    ['StringNotEqualsIfExists', true],
  ])('%s: %s', (operator, expected) => {
    // A value each operator accepts, so only the missing key decides.
    const family = /Ip|Bool|Date|Numeric/.exec(operator)?.[0];
    const value = { Ip: '10.0.0.0/8', Bool: 'true', Date: '2026-01-01', Numeric: '1' }[family ?? ''] ?? 'x';
    expect(holds(operator, 'aws:SourceVpce', value)).toBe(expected);
  });

  it('IfExists still compares a key that is there', () => {
    expect(holds('StringEqualsIfExists', 'aws:UserAgent', 'wget')).toBe(false);
    expect(holds('StringEqualsIfExists', 'aws:UserAgent', 'curl/8.5.0')).toBe(true);
    expect(holds('IpAddressIfExists', 'aws:SourceIp', '10.0.0.0/8')).toBe(false);
  });

  it.each([
    ['aws:SourceVpce', 'true', true],
    ['aws:SourceVpce', 'false', false],
    ['aws:SourceIp', 'true', false],
    ['aws:SourceIp', 'false', true],
    ['test:Empty', 'true', true],
    ['test:Tags', false, true],
  ])('Null on %s %j: %s', (key, value, expected) => {
    expect(holds('Null', key, value)).toBe(expected);
  });
});

describe('set operators on a multivalued key', () => {
  it.each([
    ['ForAllValues:StringEquals', 'test:Tags', ['env', 'team', 'cost'], true],
    ['ForAllValues:StringEquals', 'test:Tags', ['env'], false],
    ['ForAllValues:StringLike', 'test:Tags', ['e*', 't*'], true],
    ['ForAnyValue:StringEquals', 'test:Tags', ['team'], true],
    ['ForAnyValue:StringEquals', 'test:Tags', ['cost'], false],
    ['ForAllValues:StringNotEquals', 'test:Tags', ['cost'], true],
    ['ForAllValues:StringNotEquals', 'test:Tags', ['env'], false],
    ['ForAnyValue:StringNotEquals', 'test:Tags', ['env'], true],
    ['ForAnyValue:StringNotEquals', 'test:Tags', ['env', 'team'], false],
    // Missing or empty: ForAllValues holds vacuously, ForAnyValue does not.
    ['ForAllValues:StringEquals', 'test:Missing', ['env'], true],
    ['ForAllValues:StringEquals', 'test:Empty', ['env'], true],
    ['ForAnyValue:StringEquals', 'test:Missing', ['env'], false],
    ['ForAnyValue:StringEquals', 'test:Empty', ['env'], false],
    ['ForAnyValue:StringEqualsIfExists', 'test:Missing', ['env'], true],
    // Without a qualifier, a multivalued key matches as any of its values (none, negated).
    ['StringEquals', 'test:Tags', 'team', true],
    ['StringNotEquals', 'test:Tags', 'team', false],
  ])('%s on %s %j: %s', (operator, key, value, expected) => {
    expect(holds(operator, key, value)).toBe(expected);
  });
});

describe('several operators and keys', () => {
  it('must all hold (AND)', () => {
    const both = {
      IpAddress: { 'aws:SourceIp': '192.0.2.0/24' },
      StringLike: { 'aws:UserAgent': 'curl/*', 'aws:PrincipalArn': '*PlaceOrder*' },
    };
    expect(conditionsMatch(both, REQUEST).matches).toBe(true);
    const oneFails = { ...both, StringLike: { 'aws:UserAgent': 'curl/*', 'aws:PrincipalArn': '*Other*' } };
    expect(conditionsMatch(oneFails, REQUEST).matches).toBe(false);
  });

  it('an empty or absent Condition holds', () => {
    expect(conditionsMatch(undefined, REQUEST).matches).toBe(true);
    expect(conditionsMatch({}, REQUEST).matches).toBe(true);
  });
});

describe('what AWS would refuse', () => {
  it.each([
    [{ StringEqualz: { 'aws:UserAgent': 'x' } }, "unknown condition operator 'StringEqualz'"],
    [
      { 'ForSomeValues:StringEquals': { 'test:Tags': 'x' } },
      "unknown condition operator 'ForSomeValues:StringEquals'",
    ],
    [{ NullIfExists: { 'aws:UserAgent': 'true' } }, "unknown condition operator 'NullIfExists'"],
    [
      { NumericEquals: { 'test:Count': 'ten' } },
      "condition NumericEquals on 'test:Count': 'ten' is not a number",
    ],
    [
      { DateLessThan: { 'aws:CurrentTime': 'tomorrow' } },
      "condition DateLessThan on 'aws:CurrentTime': 'tomorrow' is not a date",
    ],
    [
      { StringEquals: { 'aws:UserAgent': [] } },
      "condition StringEquals on 'aws:UserAgent' has no usable value",
    ],
    [
      { StringEquals: { 'aws:UserAgent': { nested: 1 } } },
      "condition StringEquals on 'aws:UserAgent' has no usable value",
    ],
    [{ StringEquals: 'aws:UserAgent' }, "condition operator 'StringEquals' does not hold an object of keys"],
    [['StringEquals'], 'the Condition element is not an object'],
  ])('%j matches nothing: %s', (condition, problem) => {
    expect(conditionsMatch(condition, REQUEST)).toEqual({ matches: false, problem });
  });
});
