import { httpHandler } from '../../../lambdas/shared/http/http-handler';
import { idempotencyKeyOf } from '../../../lambdas/shared/http/idempotency-key';
import { apiEvent, lambdaContext } from '../../helpers/api-gateway-event';

/** A route that needs a key, as POST /orders and POST /customers do. */
const handler = httpHandler(async (request) => ({
  status: 200,
  body: { key: idempotencyKeyOf(request, 'order') },
}));
const post = (key: string) =>
  handler(
    apiEvent({ method: 'POST', resource: '/orders', headers: { 'Idempotency-Key': key } }),
    lambdaContext(),
  );

describe('Idempotency-Key', () => {
  it('takes 1-255 visible ASCII characters', async () => {
    for (const key of ['k', 'order-2026-12-04:abc_DEF.1~!', 'x'.repeat(255)]) {
      expect(JSON.parse((await post(key)).body)).toEqual({ key });
    }
  });

  it.each([
    ['empty', ''],
    ['a newline (log injection)', 'key\n{"level":"ERROR"}'],
    ['a NUL', 'key\u0000'],
    ['DEL', 'key\u007f'],
    ['a space', 'two words'],
    ['non-ASCII', 'clé'],
    ['over 255 characters', 'x'.repeat(256)],
  ])('refuses a key with %s: 400 problem+json, never a 500', async (_, key) => {
    const result = await post(key);
    expect(result.statusCode).toBe(400);
    expect(result.headers?.['Content-Type']).toBe('application/problem+json');
    expect(JSON.parse(result.body)).toMatchObject({
      status: 400,
      type: 'https://shop.example/problems/invalid-request',
    });
    expect(result.body).not.toContain(key.length > 0 ? key : '\u0000');
  });
});
