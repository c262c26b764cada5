import { correlationIdFrom } from '../../../lambdas/shared/correlation';

describe('correlationIdFrom', () => {
  it.each(['checkout-42:abc.DEF_1', '1-5759e988-bd862e3fe1be46a994272793', 'x'.repeat(128)])(
    'keeps a well-formed id from the caller: %s',
    (id) => {
      expect(correlationIdFrom(id)).toBe(id);
    },
  );

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['with spaces', 'a b'],
    ['with a newline (log injection)', 'abc\n{"level":"ERROR"}'],
    ['with a carriage return (header injection)', 'abc\r\nSet-Cookie: x=1'],
    ['with a NUL', 'abc\u0000'],
    ['with a tab', 'abc\tdef'],
    ['with quotes (JSON)', 'a"b'],
    ['with markup', '<script>alert(1)</script>'],
    ['with a slash or percent', 'a/b%20c'],
    ['non-ASCII', 'commande-été'],
    ['too long', 'x'.repeat(129)],
  ])('mints a new UUID when the supplied id is %s', (_, supplied) => {
    const id = correlationIdFrom(supplied);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(id).not.toBe(supplied);
  });
});
