import fc from 'fast-check';

/**
 * The hostile pieces a request is built from. A marker is a generated string with a quote between angle
 * brackets: raw in a response it proves unescaped reflection, and it breaks JSON and HTML where it lands.
 */
export const marker = fc.noShrink(fc.stringMatching(/^[0-9a-f]{6}$/).map((id) => `fz<"${id}">`));

const controlChar = fc.integer({ min: 0, max: 0x1f }).filter((c) => c !== 0x0a && c !== 0x0d);
/** Text with control characters (never CR/LF: those would end the header line, another request). */
const withControls = fc
  .tuple(fc.string({ maxLength: 8 }), controlChar, fc.string({ maxLength: 8 }))
  .map(([a, c, b]) => `${a}${String.fromCharCode(c)}${b}`);
const unicode = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 });
const lone = fc.constantFrom('\ud800', '\udfff', '\u2028', '\u0000', '\ufeff', '\u202e');

/** A path segment as sent on the wire (percent-encoding is the generator's choice, not the client's). */
export const segment = (marked: string) =>
  fc.oneof(
    fc.constant(marked),
    fc.constant(encodeURIComponent(marked)),
    fc.constantFrom(
      '.',
      '..',
      '%2e%2e',
      '%2F',
      '%00',
      '%',
      '%zz',
      '%E0%A4',
      '%C0%AF',
      "'",
      '"',
      '<x>',
      ';',
      '~',
    ),
    fc.constantFrom('00000000-0000-4000-8000-000000000000', `cus_${'0'.repeat(32)}`, 'SKU-1'),
    fc.integer({ min: 256, max: 4096 }).map((n) => 'a'.repeat(n)),
    unicode.map(encodeURIComponent),
    fc.stringMatching(/^[A-Za-z0-9._~!$&'()*+,;=:@-]{0,40}$/),
  );

/** Garbage for a header value: control characters, latin-1 bytes, the marker, the overlong and the empty. */
export const headerValue = (marked: string) =>
  fc.oneof(
    fc.constant(marked),
    withControls,
    fc.constantFrom(
      '',
      ' ',
      '\t',
      'ÿÿ',
      'é',
      'a b',
      'x'.repeat(300),
      '../../etc/passwd',
      '$'.concat('{jndi:x}'),
    ),
    fc.stringMatching(/^[A-Za-z0-9._:-]{1,128}$/),
    fc.uuid(),
  );

export const contentType = (marked: string) =>
  fc.oneof(
    fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'application/json; charset=utf-16',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/problem+json',
      'APPLICATION/JSON',
      '*/*',
    ),
    headerValue(marked),
  );

/** JSON text that does not parse, or parses into something no schema wants. */
export const badJsonText = (marked: string) =>
  fc.oneof(
    fc.constantFrom(
      '',
      '{',
      '{"a":',
      '{"a" 1}',
      "{'a':1}",
      '[1,]',
      'NaN',
      'undefined',
      '\u0000',
      '{}}',
      'nul',
    ),
    fc.constant(`{"name":"${marked}"}`),
    fc.json().map((text) => text.slice(0, Math.max(0, text.length - 1))),
    fc.integer({ min: 500, max: 20_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
    fc.integer({ min: 500, max: 20_000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
    fc.constantFrom('1e400', '-1e400', '123456789012345678901234567890', '-0', '0.1e-400'),
    withControls.map((text) => `{"name":"${text}"}`),
    fc.integer({ min: 60_000, max: 80_000 }).map((n) => `{"name":"${'x'.repeat(n)}"}`),
  );

/** A JSON value of the wrong kind for whatever field it replaces. */
export const oddValue = (marked: string) =>
  fc.oneof(
    fc.constant(marked),
    fc.jsonValue({ maxDepth: 3 }),
    fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -1, 0, 0.5, 1001, 1_000_001, '', ' ', true),
    fc.oneof(unicode, lone, withControls),
    fc.integer({ min: 1000, max: 5000 }).map((n) => 'y'.repeat(n)),
  );

/** A query value for `limit`, `cursor` or `asOf`: not what the endpoint issues or accepts. */
export const queryValue = (marked: string) =>
  fc.oneof(
    fc.constant(encodeURIComponent(marked)),
    fc.constant(marked),
    fc.constantFrom('', '0', '-1', '101', '1e2', '1.5', '0x10', 'NaN', '99999999999999999999', '%', '%zz'),
    fc.constantFrom('2026-13-01T00:00:00Z', '+275760-09-13T00:00:00Z', '0000-00-00', '2026-01-01', 'now'),
    fc
      .jsonValue({ maxDepth: 2 })
      .map((value) => encodeURIComponent(Buffer.from(JSON.stringify(value)).toString('base64url'))),
    // Forged cursors in the shape of real ones: plausible key names, values of any kind (empty ones too).
    fc
      .dictionary(
        fc.constantFrom('orderId', 'customerId', 'version', 'createdAt', 'aggregateId', 'pk', 'sk', 'id'),
        fc.oneof(fc.constantFrom('', 0, -1, null), fc.jsonValue({ maxDepth: 1 })),
      )
      .map((value) => Buffer.from(JSON.stringify(value)).toString('base64url')),
    fc.string({ maxLength: 40 }).map(encodeURIComponent),
  );
