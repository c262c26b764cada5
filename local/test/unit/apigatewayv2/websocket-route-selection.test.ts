// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are route selection expressions, not JS templates
import { selectRouteKey } from '../../../apigatewayv2/websocket-route-selection';

/** Route selection as "Route selection expressions" describes it, on a route table with and without $default. */
const withDefault = new Set(['$connect', '$disconnect', '$default', 'join', 'chat-join', '5', '{"a":1}']);
const withoutDefault = new Set(['$connect', 'join']);
const select = (expression: string | undefined, message: string | undefined, keys = withDefault) =>
  selectRouteKey(expression, message, keys);

describe('WebSocket route selection', () => {
  it('takes the route the expression names in the JSON body', () => {
    expect(select('$request.body.action', '{"action":"join"}')).toBe('join');
    expect(select('${request.body.action}', '{"action":"join"}')).toBe('join');
  });

  it('follows nested paths, and stringifies what it finds', () => {
    expect(select('$request.body.meta.kind', '{"meta":{"kind":"join"}}')).toBe('join');
    expect(select("$request.body['meta']['kind']", '{"meta":{"kind":"join"}}')).toBe('join');
    expect(select('$request.body.list[1]', '{"list":["x","join"]}')).toBe('join');
    expect(select('$request.body.n', '{"n":5}')).toBe('5');
    expect(select('$request.body.o', '{"o":{"a":1}}')).toBe('{"a":1}');
  });

  it('evaluates several variables in one expression', () => {
    expect(
      select('${request.body.service}-${request.body.action}', '{"service":"chat","action":"join"}'),
    ).toBe('chat-join');
    expect(select('${request.body.service}-${request.body.action}', '{"service":"chat"}')).toBe('$default');
  });

  it('sends a message that is not JSON, lacks the property or names no route to $default', () => {
    expect(select('$request.body.action', 'hello there')).toBe('$default');
    expect(select('$request.body.action', undefined)).toBe('$default');
    expect(select('$request.body.action', '{"other":"join"}')).toBe('$default');
    expect(select('$request.body.action', '{"action":null}')).toBe('$default');
    expect(select('$request.body.action', '{"action":"leave"}')).toBe('$default');
    expect(select('$request.body.action', '"join"')).toBe('$default');
    expect(select('$request.body.action', '{"action":"Join"}')).toBe('$default');
  });

  it('finds no route without $default', () => {
    expect(select('$request.body.action', '{"action":"leave"}', withoutDefault)).toBeUndefined();
    expect(select('$request.body.action', 'not json', withoutDefault)).toBeUndefined();
    expect(select('$request.body.action', '{"action":"join"}', withoutDefault)).toBe('join');
  });

  it('never lets a message pick $connect or $disconnect', () => {
    expect(select('$request.body.action', '{"action":"$connect"}')).toBe('$default');
    expect(select('$request.body.action', '{"action":"$disconnect"}', withoutDefault)).toBeUndefined();
  });

  it('reads an escaped dollar as a literal key', () => {
    expect(select('\\$default', '{}')).toBe('$default');
  });
});
