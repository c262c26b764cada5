import { type JsonNode, parseJson } from '../../../eventbridge/pattern/json';

describe('parseJson (pattern text)', () => {
  it('keeps a repeated key, in order', () => {
    const node = parseJson('{"a": [1], "a": [2]}');
    expect(node.kind === 'object' && node.members.map((m) => m.key)).toEqual(['a', 'a']);
  });

  it('keeps the written text of numbers next to their value', () => {
    const node = parseJson('{"n": [3.0e2, -0.50]}');
    const items =
      node.kind === 'object' && node.members[0]?.value.kind === 'array' ? node.members[0].value.items : [];
    expect(items).toEqual<JsonNode[]>([
      { kind: 'number', value: 300, text: '3.0e2' },
      { kind: 'number', value: -0.5, text: '-0.50' },
    ]);
  });

  it('decodes every JSON escape, surrogate pairs included', () => {
    const node = parseJson(String.raw`{"s": "\" \\ \/ \b \f \n \r \t \u00e9 \ud83d\ude80"}`);
    expect(node.kind === 'object' && node.members[0]?.value).toEqual({
      kind: 'string',
      value: '" \\ / \b \f \n \r \t é 🚀',
    });
  });

  it('reads literals and nesting', () => {
    expect(parseJson(' { "a" : { "b" : [ true , false , null , [ ] , { } ] } } ')).toEqual({
      kind: 'object',
      members: [
        {
          key: 'a',
          value: {
            kind: 'object',
            members: [
              {
                key: 'b',
                value: {
                  kind: 'array',
                  items: [
                    { kind: 'boolean', value: true },
                    { kind: 'boolean', value: false },
                    { kind: 'null' },
                    { kind: 'array', items: [] },
                    { kind: 'object', members: [] },
                  ],
                },
              },
            ],
          },
        },
      ],
    });
  });

  it.each([
    ['{"a": "unterminated'],
    ['{"a": "tab\there"}'],
    [String.raw`{"a": "\x"}`],
    [String.raw`{"a": "\u12"}`],
    ['{"a": [1.]}'],
    ['{"a": [-]}'],
    ['{"a": [NaN]}'],
    ['{"a" [1]}'],
    ['{"a": [1 2]}'],
    ['{"a": [1]} {}'],
    [`${'['.repeat(300)}${']'.repeat(300)}`],
  ])('rejects %s', (text) => {
    expect(() => parseJson(text)).toThrow(/^Event pattern is not valid\. Reason: /);
  });
});
