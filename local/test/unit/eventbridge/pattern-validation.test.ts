import { compileEventPattern, InvalidEventPatternError } from '../../../eventbridge/pattern';
import { wildcardComplexity } from '../../../eventbridge/pattern/wildcard';

/** The reason an invalid pattern is rejected with (the part after AWS's "Reason: "). */
function rejection(pattern: string | object): string {
  try {
    compileEventPattern(pattern);
  } catch (error) {
    if (error instanceof InvalidEventPatternError) return error.reason;
    throw error;
  }
  throw new Error(`pattern was accepted: ${JSON.stringify(pattern)}`);
}

describe('InvalidEventPatternError', () => {
  it("has AWS's error code and message shape", () => {
    let error: unknown;
    try {
      compileEventPattern({ source: 'order' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidEventPatternError);
    expect(error).toMatchObject({
      code: 'InvalidEventPatternException',
      message: 'Event pattern is not valid. Reason: "source" must be an object or an array',
    });
  });
});

describe("reasons AWS gave for the conformance set's invalid patterns", () => {
  // Recorded against EventBridge's TestEventPattern by the project the cases come from (LocalStack snapshots).
  it.each([
    [{ resources: [] }, 'Empty arrays are not allowed'],
    [{ int: 42 }, '"int" must be an object or an array'],
    [{ detail: { equal: [{ NUMERIC: ['=', 5] }] } }, 'Unrecognized match type NUMERIC'],
    [{ my_key: [{ EXISTS: true }] }, 'Unrecognized match type EXISTS'],
    [{ c: [{ numeric: ['>', 0, '>', 0] }] }, 'Bad numeric range operator: >'],
    [{ c: [{ numeric: ['>', 0, '<'] }] }, 'Value of < must be numeric'],
    [
      { e: [{ wildcard: 'arn:aws:events:us-east-1:**:event-bus/*' }] },
      'Consecutive wildcard characters at pos 26',
    ],
    [
      { e: [{ wildcard: '*:*:*:*:*:event-bus/*' }] },
      'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character',
    ],
    [{ t: [{ 'equals-ignore-case': ['x'] }] }, 'equals-ignore-case match pattern must be a string'],
    [{ ip: [{ cidr: 'bad-filter' }] }, "Malformed CIDR, one '/' required"],
    [{ ip: [{ cidr: 'bad-/64filter' }] }, 'Malformed CIDR, mask bits must be an integer'],
    [{ ip: [{ cidr: 'xx.11.xx/8' }] }, 'Nonstandard IP address: xx.11.xx'],
    [{ ip: [{ cidr: ['bad-type'] }] }, 'prefix match pattern must be a string'],
    [
      { s: [{ 'anything-but': { 'equals-ignore-case': 123 } }] },
      'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.',
    ],
    [
      { s: [{ 'anything-but': { prefix: { 'equals-ignore-case': 'file' } } }] },
      'Value of anything-but must be an array or single string/number value.',
    ],
    [{ s: [{ 'anything-but': { suffix: [123, '.txt'] } }] }, 'prefix/suffix match pattern must be a string'],
    [{ s: [{ 'anything-but': { wildcard: 123 } }] }, 'wildcard match pattern must be a string'],
    [{ time: [{ prefix: ['2022-07-13'] }] }, 'prefix match pattern must be a string'],
    [{ f: [{ suffix: 123 }] }, 'suffix match pattern must be a string'],
    ['["not", "a", "dict"]', 'Filter is not an object'],
  ])('%j: %s', (pattern, reason) => {
    expect(rejection(pattern)).toBe(reason);
  });
});

describe('structure rules', () => {
  it.each([
    ['an empty pattern', {}, 'Empty objects are not allowed'],
    ['an empty nested object', { detail: {} }, 'Empty objects are not allowed'],
    ['a nested value list', { a: [['x']] }, 'Match value must be String, number, true, false, or null'],
    ['an empty match expression', { a: [{}] }, 'Match expression name not found'],
    [
      'two operators in one expression',
      { a: [{ prefix: 'x', suffix: 'y' }] },
      'Only one key allowed in match expression',
    ],
    ['an unknown operator', { a: [{ contains: 'x' }] }, 'Unrecognized match type contains'],
    ['$or that is not an array', { $or: { a: ['x'] } }, 'It must be an Array followed with $or.'],
    [
      '$or with one alternative',
      { $or: [{ a: ['x'] }] },
      'There must have at least 2 Objects in $or relationship.',
    ],
    [
      '$or with a non-object',
      { $or: [{ a: ['x'] }, ['b']] },
      'Only JSON object is allowed in array of $or relationship.',
    ],
    [
      'an operator name as a field inside $or',
      { $or: [{ prefix: ['x'] }, { b: ['y'] }] },
      'prefix is Ruler reserved fieldName which cannot be used inside $or.',
    ],
    [
      'exists that is not a boolean',
      { a: [{ exists: 'yes' }] },
      'exists match pattern must be either true or false.',
    ],
    ['a JS value that is not an object', [{ a: ['x'] }], 'Filter is not an object'],
  ])('rejects %s', (_, pattern, reason) => {
    expect(rejection(pattern)).toBe(reason);
  });

  it('accepts an operator name as a field name outside $or', () => {
    expect(() => compileEventPattern({ detail: { prefix: ['x'] } })).not.toThrow();
  });

  it('rejects malformed JSON text with a position', () => {
    expect(rejection("{'bad': 'quotation'}")).toMatch(
      /double-quote to start field name at line 1, column 2$/,
    );
    expect(rejection('{"a": [1],}')).toMatch(/double-quote/);
    expect(rejection('{"not": closed mark"')).toMatch(/^Unrecognized token 'closed'/);
    expect(rejection('{"a": [01]}')).toMatch(/^Invalid numeric value/);
    expect(rejection('{"a": ["x"]} trailing')).toMatch(/^Unexpected content after the end of the pattern/);
    expect(rejection('')).toBe('Filter is not an object');
  });
});

describe('numeric expressions', () => {
  it.each([
    [10, 'Value of numeric must be an array.'],
    [[], 'Invalid member in numeric match: ]'],
    [[5], 'Invalid member in numeric match: 5'],
    [['!=', 5], 'Unrecognized numeric range operator: !='],
    [['=', '5'], 'Value of equals must be numeric'],
    [['=', 5, '<', 6], 'Too many elements in numeric expression'],
    [['<', 5, '>', 1], 'Too many elements in numeric expression'],
    [['>', 0, 5], 'Bad value in numeric range: 5'],
    [['>', 0, '<', 5, 6], 'Too many terms in numeric range expression'],
    [['>', 5, '<', 5], 'Bottom must be less than top'],
    [['>', 6e9], 'Value must be between -5.0E9 and 5.0E9, inclusive'],
    [['<', -5.5e9], 'Value must be between -5.0E9 and 5.0E9, inclusive'],
    [['>', 0.0000001], 'Only values upto 6 decimals are supported'],
  ])('%j is rejected: %s', (operand, reason) => {
    expect(rejection({ n: [{ numeric: operand }] })).toBe(reason);
  });

  it('accepts the limits themselves and six decimals', () => {
    expect(() => compileEventPattern({ n: [{ numeric: ['>=', -5e9, '<=', 5e9] }] })).not.toThrow();
    expect(() => compileEventPattern({ n: [{ numeric: ['=', 0.000001] }] })).not.toThrow();
    expect(() => compileEventPattern('{"n": [{"numeric": ["=", 1.5000000]}]}')).not.toThrow();
  });

  it('applies the same limits to anything-but numbers', () => {
    expect(rejection({ n: [{ 'anything-but': [1, 6e9] }] })).toBe(
      'Value must be between -5.0E9 and 5.0E9, inclusive',
    );
  });
});

describe('anything-but operands', () => {
  it.each([
    [null, 'Value of anything-but must be an array or single string/number value.'],
    [true, 'Value of anything-but must be an array or single string/number value.'],
    [[], 'Inside anything but list, either all values are number or string, mixed type is not supported'],
    [
      ['a', 1],
      'Inside anything but list, either all values are number or string, mixed type is not supported',
    ],
    [['a', null], 'Inside anything but list, start|null|boolean is not supported.'],
    [{}, 'Anything-But expression name not found'],
    [{ numeric: ['>', 1] }, 'Unsupported anything-but pattern: numeric'],
    [{ prefix: '' }, 'Null prefix/suffix not allowed'],
    [{ suffix: ['.png', ''] }, 'Null prefix/suffix not allowed'],
    [{ prefix: 'a', suffix: 'b' }, 'Too many elements in numeric expression'],
    [{ wildcard: 'a**' }, 'Consecutive wildcard characters at pos 2'],
  ])('%j is rejected: %s', (operand, reason) => {
    expect(rejection({ a: [{ 'anything-but': operand }] })).toBe(reason);
  });
});

describe('prefix and suffix with equals-ignore-case', () => {
  it.each([
    [{ prefix: {} }, 'Prefix expression name not found'],
    [{ prefix: { exactly: 'a' } }, 'Unsupported prefix pattern: exactly'],
    [{ suffix: { 'equals-ignore-case': 1 } }, 'equals-ignore-case match pattern must be a string'],
    [{ suffix: { 'equals-ignore-case': 'a', other: 'b' } }, 'Only one key allowed in match expression'],
  ])('%j is rejected: %s', (expression, reason) => {
    expect(rejection({ a: [expression] })).toBe(reason);
  });
});

describe('cidr', () => {
  it.each([
    ['10.0.0.0/', "Malformed CIDR, one '/' required"],
    ['10.0.0.0/8/8', "Malformed CIDR, one '/' required"],
    ['10.0.0.0/-1', 'Malformed CIDR, mask bits must not be negative'],
    ['10.0.0.0/32', 'IPv4 mask bits must be < 32'],
    ['2001:db8::/128', 'IPv6 mask bits must be < 128'],
    ['300.0.0.0/8', 'Invalid IP address: 300.0.0.0'],
    ['1::2::3/64', 'Invalid IP address: 1::2::3'],
  ])('%s is rejected: %s', (cidr, reason) => {
    expect(rejection({ ip: [{ cidr }] })).toBe(reason);
  });
});

describe('wildcard', () => {
  it.each([
    ['a\\b', 'Invalid escape character at pos 2'],
    ['trailing\\', 'Invalid escape character at pos 9'],
    // positions count UTF-8 bytes: "é" is two
    ['é**', 'Consecutive wildcard characters at pos 3'],
  ])('%s is rejected: %s', (wildcard, reason) => {
    expect(rejection({ f: [{ wildcard }] })).toBe(reason);
  });

  it('accepts the wildcards of the conformance set that AWS accepts', () => {
    for (const wildcard of [
      'arn:aws:events:us-east-1:*:event-bus/*',
      '/Users/*/dir/dir/dir/dir/dir/doc.txt',
      '*a*b*c*d*',
      '',
      '\\*\\\\*',
    ]) {
      expect(() => compileEventPattern({ f: [{ wildcard }] })).not.toThrow();
    }
  });

  it('weighs the recorded cases on either side of the threshold of 10', () => {
    expect(wildcardComplexity(['*:*:*:*:*:event-bus/*'])).toBe(11); // rejected by AWS
    expect(wildcardComplexity(['/Users/*/dir/dir/dir/dir/dir/doc.txt'])).toBe(7); // accepted
    expect(wildcardComplexity(['arn:aws:events:us-east-1:*:event-bus/*'])).toBe(3); // accepted
  });

  it('weighs all the wildcards of one field together', () => {
    expect(() => compileEventPattern({ f: [{ wildcard: '*:*:*:*' }] })).not.toThrow();
    expect(rejection({ f: [{ wildcard: '*:*:*:*' }, { wildcard: '*/*/*/*' }] })).toMatch(
      /^Rule is too complex/,
    );
    // across $or alternatives too, as they share AWS's automaton for the field
    expect(rejection({ $or: [{ f: [{ wildcard: '*:*:*:*' }] }, { f: [{ wildcard: '*/*/*/*' }] }] })).toMatch(
      /^Rule is too complex/,
    );
    // but not across fields
    expect(() =>
      compileEventPattern({ f: [{ wildcard: '*:*:*:*' }], g: [{ wildcard: '*/*/*/*' }] }),
    ).not.toThrow();
  });
});

describe('$or expansion guard', () => {
  it('refuses a pattern whose $or alternatives multiply past 1000', () => {
    const pattern: Record<string, unknown> = {};
    for (let i = 0; i < 10; i++) pattern[`f${i}`] = { $or: [{ a: ['x'] }, { b: ['y'] }] };
    expect(rejection(pattern)).toBe('Too many $or alternatives (more than 1000)');
  });
});
