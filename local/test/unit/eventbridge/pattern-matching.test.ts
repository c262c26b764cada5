import { compileEventPattern, matches } from '../../../eventbridge/pattern';

/** Whether `pattern` matches each of `events`, in order. */
function results(pattern: string | object, ...events: object[]): boolean[] {
  const compiled = compileEventPattern(pattern);
  return events.map((event) => matches(compiled, event));
}

describe('exact values', () => {
  it('compares by JSON type: a string never equals a number, boolean or null', () => {
    expect(results({ v: ['300'] }, { v: '300' }, { v: 300 })).toEqual([true, false]);
    expect(results({ v: [300] }, { v: 300 }, { v: '300' })).toEqual([true, false]);
    expect(results({ v: [true] }, { v: true }, { v: 'true' })).toEqual([true, false]);
    expect(results({ v: [null] }, { v: null }, { v: 'null' }, {})).toEqual([true, false, false]);
  });

  it('compares numbers by value, however they are written', () => {
    expect(results('{"v": [3.0e2]}', { v: 300 })).toEqual([true]);
    expect(results({ v: [300] }, JSON.parse('{"v": 300.0}'), { v: 300.5 })).toEqual([true, false]);
  });

  it('matches an IP address in any spelling of it', () => {
    expect(
      results(
        { ip: ['2001:db8::1'] },
        { ip: '2001:0db8:0000:0000:0000:0000:0000:0001' },
        { ip: '2001:db8::2' },
      ),
    ).toEqual([true, false]);
    expect(results({ ip: ['10.0.0.1'] }, { ip: '10.0.0.1' }, { ip: '10.0.0.10' })).toEqual([true, false]);
  });

  it('matches an event array when any element matches', () => {
    expect(results({ tags: ['b', 'z'] }, { tags: ['a', 'b'] }, { tags: ['a'] }, { tags: [] })).toEqual([
      true,
      false,
      false,
    ]);
  });
});

describe('prefix, suffix and equals-ignore-case', () => {
  it('only ever match strings', () => {
    expect(results({ v: [{ prefix: '1' }] }, { v: '12' }, { v: 12 })).toEqual([true, false]);
    expect(results({ v: [{ suffix: '2' }] }, { v: '12' }, { v: 12 })).toEqual([true, false]);
    expect(results({ v: [{ 'equals-ignore-case': 'true' }] }, { v: 'TRUE' }, { v: true })).toEqual([
      true,
      false,
    ]);
  });

  it('ignore case when asked to', () => {
    expect(
      results({ v: [{ prefix: { 'equals-ignore-case': 'EventB' } }] }, { v: 'eventbridge' }, { v: 'event' }),
    ).toEqual([true, false]);
    expect(
      results({ v: [{ suffix: { 'equals-ignore-case': '.png' } }] }, { v: 'a.PNG' }, { v: 'a.png.gz' }),
    ).toEqual([true, false]);
    expect(results({ v: [{ 'equals-ignore-case': 'Straße' }] }, { v: 'STRASSE' }, { v: 'strasse!' })).toEqual(
      [true, false],
    );
  });

  it('are case-sensitive otherwise', () => {
    expect(results({ v: [{ prefix: 'Event' }] }, { v: 'eventbridge' })).toEqual([false]);
  });
});

describe('anything-but', () => {
  it('matches values of any other type, null included, but not a missing field', () => {
    expect(
      results({ v: [{ 'anything-but': 'x' }] }, { v: 1 }, { v: null }, { v: false }, { v: 'x' }, {}),
    ).toEqual([true, true, true, false, false]);
    expect(results({ v: [{ 'anything-but': [1, 2] }] }, { v: '1' }, { v: 1.0 }, { v: 3 })).toEqual([
      true,
      false,
      true,
    ]);
  });

  it('negates prefix, suffix, equals-ignore-case and wildcard for strings only', () => {
    expect(
      results(
        { v: [{ 'anything-but': { prefix: ['us-', 'eu-'] } }] },
        { v: 'ap-south-1' },
        { v: 'eu-west-1' },
        { v: 7 },
      ),
    ).toEqual([true, false, true]);
    expect(
      results(
        { v: [{ 'anything-but': { 'equals-ignore-case': ['A', 'b'] } }] },
        { v: 'a' },
        { v: 'B' },
        { v: 'c' },
      ),
    ).toEqual([false, false, true]);
    expect(
      results({ v: [{ 'anything-but': { wildcard: '*/lib/*' } }] }, { v: 'src/lib/x' }, { v: 'src/app/x' }),
    ).toEqual([false, true]);
    expect(results({ v: [{ 'anything-but': { wildcard: '' } }] }, { v: '' }, { v: 'x' })).toEqual([
      false,
      true,
    ]);
  });
});

describe('numeric', () => {
  it('compares ranges with open and closed ends', () => {
    const pattern = { n: [{ numeric: ['>', 0, '<=', 5] }] };
    expect(results(pattern, { n: 0 }, { n: 0.000001 }, { n: 5 }, { n: 5.000001 })).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect(results({ n: [{ numeric: ['>=', 10] }] }, { n: 10 }, { n: 9.99 })).toEqual([true, false]);
    expect(results({ n: [{ numeric: ['<', -1] }] }, { n: -1.5 }, { n: -1 })).toEqual([true, false]);
    expect(results('{"n": [{"numeric": ["=", 3.018e2]}]}', { n: 301.8 }, { n: 301.81 })).toEqual([
      true,
      false,
    ]);
  });

  it('only applies to JSON numbers within AWS range', () => {
    const pattern = { n: [{ numeric: ['>', 0] }] };
    expect(results(pattern, { n: '5' }, { n: null }, { n: true }, { n: 6e9 }, { n: 5e9 })).toEqual([
      false,
      false,
      false,
      false,
      true,
    ]);
  });
});

describe('exists', () => {
  it('sees leaves only: a null is there, an object or an empty array is not', () => {
    const present = { v: [{ exists: true }] };
    expect(results(present, { v: null }, { v: 0 }, { v: [1] }, { v: { w: 1 } }, { v: [] }, {})).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
    const absent = { v: [{ exists: false }] };
    expect(results(absent, { v: null }, { v: { w: 1 } }, { v: [] }, {})).toEqual([false, true, true, true]);
  });

  it('combines with other values of the list as alternatives', () => {
    const pattern = { v: [{ exists: false }, 'x'] };
    expect(results(pattern, {}, { v: 'x' }, { v: 'y' })).toEqual([true, true, false]);
  });
});

describe('cidr', () => {
  it('matches addresses in the block, whatever host bits the pattern wrote', () => {
    const pattern = { ip: [{ cidr: '10.0.0.77/24' }] };
    expect(
      results(pattern, { ip: '10.0.0.0' }, { ip: '10.0.0.255' }, { ip: '10.0.1.0' }, { ip: '9.255.255.255' }),
    ).toEqual([true, true, false, false]);
  });

  it('handles IPv6, and never matches a non-address or the other family', () => {
    const pattern = { ip: [{ cidr: '2001:db8::/32' }] };
    expect(
      results(
        pattern,
        { ip: '2001:db8:ffff::1' },
        { ip: '2001:db9::' },
        { ip: '10.0.0.1' },
        { ip: 'host' },
        { ip: 1 },
      ),
    ).toEqual([true, false, false, false, false]);
    expect(
      results({ ip: [{ cidr: '0.0.0.0/0' }] }, { ip: '255.255.255.255' }, { ip: '::ffff:1.2.3.4' }),
    ).toEqual([true, true]);
  });
});

describe('wildcard', () => {
  it('matches * to any run of characters, empty included', () => {
    const pattern = { f: [{ wildcard: 'dir/*/file*.txt' }] };
    expect(
      results(
        pattern,
        { f: 'dir//file.txt' },
        { f: 'dir/a/b/file-1.txt' },
        { f: 'dir/a/file.txt.bak' },
        { f: 'dir/file.txt' },
      ),
    ).toEqual([true, true, false, false]);
  });

  it('does not let the leading and trailing literals overlap', () => {
    expect(results({ f: [{ wildcard: 'ab*ba' }] }, { f: 'aba' }, { f: 'abba' })).toEqual([false, true]);
  });

  it('reads \\* as a literal star and \\\\ as a literal backslash', () => {
    expect(results(String.raw`{"f": [{"wildcard": "a\\*b"}]}`, { f: 'a*b' }, { f: 'axb' })).toEqual([
      true,
      false,
    ]);
    expect(results(String.raw`{"f": [{"wildcard": "a\\\\*"}]}`, { f: 'a\\xyz' }, { f: 'axyz' })).toEqual([
      true,
      false,
    ]);
  });

  it('with an empty pattern matches only the empty string, and never a number', () => {
    expect(results({ f: [{ wildcard: '' }] }, { f: '' }, { f: 'x' })).toEqual([true, false]);
    expect(results({ f: [{ wildcard: '*' }] }, { f: '' }, { f: 1 })).toEqual([true, false]);
  });
});

describe('$or', () => {
  it('matches when one alternative does, with the fields around it applying to all', () => {
    const pattern = { source: ['shop'], detail: { $or: [{ a: [1] }, { b: [2], c: [3] }] } };
    expect(
      results(
        pattern,
        { source: 'shop', detail: { a: 1 } },
        { source: 'shop', detail: { b: 2, c: 3 } },
        { source: 'shop', detail: { b: 2 } },
        { source: 'other', detail: { a: 1 } },
      ),
    ).toEqual([true, true, false, false]);
  });

  it('nests', () => {
    const pattern = { $or: [{ a: ['x'] }, { $or: [{ b: ['y'] }, { c: ['z'] }] }] };
    expect(results(pattern, { c: 'z' }, { d: 'z' })).toEqual([true, false]);
  });
});

describe('paths', () => {
  it('join with dots on both sides, so nesting and dotted keys meet', () => {
    expect(results({ 'a.b': ['x'] }, { a: { b: 'x' } }, { 'a.b': 'x' })).toEqual([true, true]);
    expect(results({ a: { b: ['x'] } }, { 'a.b': 'x' })).toEqual([true]);
  });

  it('are case-sensitive', () => {
    expect(results({ Source: ['x'] }, { source: 'x' })).toEqual([false]);
  });

  it('do not look inside JSON held in a string', () => {
    expect(results({ detail: { a: ['x'] } }, { detail: '{"a": "x"}' })).toEqual([false]);
  });

  it('keep the later list when a field is given twice, as AWS does', () => {
    expect(results('{"a": ["x"], "a": ["y"]}', { a: 'y' }, { a: 'x' })).toEqual([true, false]);
    expect(results('{"a.b": ["x"], "a": {"b": ["y"]}}', { a: { b: 'y' } }, { a: { b: 'x' } })).toEqual([
      true,
      false,
    ]);
    // a repeated object key adds its fields: each occurrence is compiled in turn
    expect(
      results('{"d": {"a": ["x"]}, "d": {"b": ["y"]}}', { d: { a: 'x', b: 'y' } }, { d: { b: 'y' } }),
    ).toEqual([true, false]);
  });
});

describe('arrays of objects', () => {
  const pattern = { items: { sku: ['A'], qty: [2] } };

  it('match fields together only when they come from the same element', () => {
    expect(
      results(
        pattern,
        { items: [{ sku: 'A', qty: 2 }] },
        {
          items: [
            { sku: 'B', qty: 2 },
            { sku: 'A', qty: 1 },
          ],
        },
        {
          items: [
            { sku: 'B', qty: 1 },
            { sku: 'A', qty: 2 },
          ],
        },
      ),
    ).toEqual([true, false, true]);
  });

  it('let exists:false look at the element the other fields matched in', () => {
    const absent = { items: { sku: ['A'], discount: [{ exists: false }] } };
    expect(
      results(
        absent,
        { items: [{ sku: 'A' }, { sku: 'B', discount: 1 }] },
        { items: [{ sku: 'A', discount: 1 }] },
      ),
    ).toEqual([true, false]);
  });

  it('let fields outside the array match any element', () => {
    expect(
      results(
        { kind: ['order'], items: { sku: ['B'] } },
        { kind: 'order', items: [{ sku: 'A' }, { sku: 'B' }] },
      ),
    ).toEqual([true]);
  });
});

describe('matches()', () => {
  it('accepts the event as JSON text', () => {
    expect(matches(compileEventPattern({ a: ['x'] }), '{"a": "x"}')).toBe(true);
  });

  it('refuses an event that is not a JSON object', () => {
    const compiled = compileEventPattern({ a: ['x'] });
    expect(() => matches(compiled, '["a"]')).toThrow(TypeError);
    expect(() => matches(compiled, [])).toThrow(TypeError);
  });
});
