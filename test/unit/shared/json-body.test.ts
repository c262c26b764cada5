import * as z from 'zod/mini';
import { InvalidRequestError, PayloadTooLargeError } from '../../../lambdas/shared/errors';
import { MAX_BODY_BYTES, parseJsonBody } from '../../../lambdas/shared/http/json-body';

const schema = z.strictObject({ name: z.string().check(z.minLength(1)) });

describe('parseJsonBody', () => {
  it('parses and validates a JSON body', () => {
    expect(parseJsonBody('{"name":"a"}', false, schema)).toEqual({ name: 'a' });
  });

  it('decodes a base64-encoded body', () => {
    const body = Buffer.from('{"name":"b"}').toString('base64');
    expect(parseJsonBody(body, true, schema)).toEqual({ name: 'b' });
  });

  it.each([
    ['a missing body', null],
    ['an empty body', ''],
    ['malformed JSON', '{"name":'],
  ])('refuses %s with a 400 error', (_, body) => {
    expect(() => parseJsonBody(body, false, schema)).toThrow(InvalidRequestError);
  });

  it('reports each schema violation with its path', () => {
    try {
      parseJsonBody('{"name":"","extra":1}', false, schema);
      throw new Error('expected a validation error');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect((error as InvalidRequestError).errors.map((e) => e.path)).toEqual(['name', '(body)']);
    }
  });

  it('refuses a body over the limit by its size in bytes, not characters', () => {
    const multiByte = `{"name":"${'é'.repeat(MAX_BODY_BYTES / 2)}"}`; // under the limit in characters
    expect(multiByte.length).toBeLessThan(MAX_BODY_BYTES);
    expect(() => parseJsonBody(multiByte, false, schema)).toThrow(PayloadTooLargeError);
  });

  it('accepts a body of exactly the limit', () => {
    const padding = MAX_BODY_BYTES - '{"name":""}'.length;
    const body = `{"name":"${'a'.repeat(padding)}"}`;
    expect(Buffer.byteLength(body)).toBe(MAX_BODY_BYTES);
    expect(parseJsonBody(body, false, schema).name).toHaveLength(padding);
  });
});
