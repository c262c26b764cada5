import { responseOf } from '../../../apigatewayv2/http-api-events';
import type { RouteModel } from '../../../apigatewayv2/http-api-model';
import { RouteTable } from '../../../apigatewayv2/route-matching';

const route = (key: string): RouteModel => ({ key, authorization: { type: 'NONE' } });

describe('HTTP API routing', () => {
  const table = new RouteTable(
    ['GET /pets/{id}', 'GET /pets/dog', 'ANY /pets/dog', 'ANY /pets/{proxy+}', 'POST /pets', '$default'].map(
      route,
    ),
  );
  const keyFor = (method: string, path: string) => table.match(method, path)?.route.key;

  it('picks the most specific route: literal over variable over greedy, a method of its own over ANY', () => {
    expect(keyFor('GET', '/pets/dog')).toBe('GET /pets/dog');
    expect(keyFor('PUT', '/pets/dog')).toBe('ANY /pets/dog');
    expect(keyFor('GET', '/pets/cat')).toBe('GET /pets/{id}');
    expect(keyFor('GET', '/pets/cat/toys')).toBe('ANY /pets/{proxy+}');
    expect(keyFor('POST', '/pets')).toBe('POST /pets');
  });

  it('falls back to $default, and decodes path parameters', () => {
    expect(keyFor('GET', '/pets')).toBe('$default');
    expect(keyFor('DELETE', '/other')).toBe('$default');
    expect(table.match('GET', '/pets/a%20b')?.pathParameters).toEqual({ id: 'a b' });
    expect(table.match('GET', '/pets/a/b%2Fc')?.pathParameters).toEqual({ proxy: 'a/b/c' });
    expect(new RouteTable([route('GET /a')]).match('GET', '/b')).toBeUndefined();
  });
});

describe('HTTP API responses', () => {
  const text = (r: ReturnType<typeof responseOf>) => r.body.toString('utf8');

  it('payload 2.0 infers a 200 JSON answer from a bare value, and sets cookies', () => {
    expect(text(responseOf({ hello: 'world' }, '2.0'))).toBe('{"hello":"world"}');
    expect(responseOf('plain', '2.0')).toMatchObject({ statusCode: 200 });
    const full = responseOf(
      { statusCode: 201, body: 'aGk=', isBase64Encoded: true, cookies: ['a=1', 'b=2'] },
      '2.0',
    );
    expect(full.statusCode).toBe(201);
    expect(text(full)).toBe('hi');
    expect(full.headers).toContainEqual(['content-type', 'text/plain; charset=utf-8']);
    expect(
      responseOf({ statusCode: 200, headers: { 'Content-Type': 'text/html' }, body: '<p>' }, '2.0').headers,
    ).toEqual([['Content-Type', 'text/html']]);
    expect(full.headers.filter(([name]) => name === 'set-cookie')).toEqual([
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
    ]);
  });

  it('payload 1.0 needs a statusCode: anything else, or a bad one, is a 500', () => {
    expect(responseOf({ hello: 'world' }, '1.0').statusCode).toBe(500);
    expect(responseOf({ statusCode: 42 }, '2.0').statusCode).toBe(500);
    expect(
      responseOf({ statusCode: 200, multiValueHeaders: { 'x-a': ['1', '2'] }, body: 'ok' }, '1.0').headers,
    ).toEqual([
      ['x-a', '1'],
      ['x-a', '2'],
      ['content-type', 'text/plain; charset=utf-8'],
    ]);
  });
});
