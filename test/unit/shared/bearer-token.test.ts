import { bearerToken, sameSecret } from '../../../lambdas/shared/http/bearer-token';

describe('bearerToken', () => {
  it.each([
    ['Bearer abc.DEF-123_~+/==', 'abc.DEF-123_~+/=='],
    ['bearer abc', 'abc'],
    ['  Bearer abc  ', 'abc'],
  ])('reads the token of %j', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });

  it.each([
    undefined,
    '',
    'Bearer',
    'Bearer ',
    'Basic dXNlcjpwYXNz',
    'Bearer two tokens',
    'Bearer tok"en',
    'Bearer =abc',
    'abc',
  ])('finds no token in %j', (header) => {
    expect(bearerToken(header)).toBeUndefined();
  });
});

describe('sameSecret', () => {
  it('is true only for the very same text, whatever the lengths', () => {
    expect(
      sameSecret('a-key-of-forty-characters-0123456789abcd', 'a-key-of-forty-characters-0123456789abcd'),
    ).toBe(true);
    expect(
      sameSecret('a-key-of-forty-characters-0123456789abcd', 'a-key-of-forty-characters-0123456789abce'),
    ).toBe(false);
    expect(sameSecret('short', 'a-key-of-forty-characters-0123456789abcd')).toBe(false);
    expect(sameSecret('', '')).toBe(true);
  });
});
