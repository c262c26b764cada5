import fc from 'fast-check';
import { noneMatch, weakEtag } from '../../../lambdas/shared/http/conditional-get';

describe('If-None-Match (RFC 9110 weak comparison)', () => {
  const etag = weakEtag(6);

  it.each([
    ['absent', undefined, true],
    ['the same weak tag', 'W/"6"', false],
    ['the same tag sent strong', '"6"', false],
    ['another version', 'W/"5"', true],
    ['a list holding it', 'W/"4", W/"6"', false],
    ['a list without it', 'W/"4","5"', true],
    ['any representation', '*', false],
    ['a tag with a comma inside', 'W/"6,7"', true],
    ['garbage', 'six', true],
    ['an empty header', '', true],
  ])('%s -> send the body: %s', (_, header, expected) => {
    expect(noneMatch(header, etag)).toBe(expected);
  });

  it('matches exactly the version it was given, whatever else the list holds', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(fc.nat()), (version, others) => {
        const list = [...others, version].map(weakEtag).join(', ');
        expect(noneMatch(list, weakEtag(version))).toBe(false);
        expect(noneMatch(others.map(weakEtag).join(', '), weakEtag(version))).toBe(!others.includes(version));
      }),
    );
  });
});
