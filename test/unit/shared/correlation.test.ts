import { correlationIdFrom } from '../../../lambdas/shared/correlation';

describe('correlationIdFrom', () => {
  it('keeps a well-formed id from the caller', () => {
    expect(correlationIdFrom('checkout-42:abc.DEF_1')).toBe('checkout-42:abc.DEF_1');
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['with spaces', 'a b'],
    ['with a newline (log injection)', 'abc\n{"level":"ERROR"}'],
    ['too long', 'x'.repeat(129)],
  ])('mints a new UUID when the supplied id is %s', (_, supplied) => {
    const id = correlationIdFrom(supplied);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(id).not.toBe(supplied);
  });
});
