import {
  acceptedSubprotocol,
  connectStatus,
  routeResponseBody,
} from '../../../apigatewayv2/websocket-integration';

/** What a function's answer does on a WebSocket API: the handshake's status, and a route response's message. */
describe("the handshake's status from $connect's integration", () => {
  const answered = (payload: unknown) => connectStatus({ kind: 'answered', payload, ms: 1 });

  it("is the answer's statusCode, 200 when it has none", () => {
    expect(answered({ statusCode: 200 })).toBe(200);
    expect(answered({ statusCode: 204 })).toBe(204);
    expect(answered({ statusCode: 401, body: 'no' })).toBe(401);
    expect(answered({ statusCode: '409' })).toBe(409);
    expect(answered(undefined)).toBe(200);
    expect(answered('ok')).toBe(200);
  });

  it('is 502 for a failed function or a statusCode that is not one, 504 past the timeout', () => {
    expect(connectStatus({ kind: 'failed', error: 'Unhandled Error', ms: 1 })).toBe(502);
    expect(answered({ statusCode: 'teapot' })).toBe(502);
    expect(answered({ statusCode: 99 })).toBe(502);
    expect(connectStatus({ kind: 'timeout', ms: 29_000 })).toBe(504);
  });
});

describe("a route response's message", () => {
  it("is the proxy answer's body, decoded when base64", () => {
    expect(routeResponseBody({ statusCode: 200, body: '{"a":1}' })).toEqual(Buffer.from('{"a":1}'));
    expect(routeResponseBody({ statusCode: 200, body: 'AP8B', isBase64Encoded: true })).toEqual(
      Buffer.from([0, 255, 1]),
    );
  });

  it('is a bare answer as JSON, a string as it is', () => {
    expect(routeResponseBody({ a: 1 })).toEqual(Buffer.from('{"a":1}'));
    expect(routeResponseBody([1, 2])).toEqual(Buffer.from('[1,2]'));
    expect(routeResponseBody('plain')).toEqual(Buffer.from('plain'));
  });

  it('is nothing for an answer without a body', () => {
    expect(routeResponseBody({ statusCode: 200 })).toBeUndefined();
    expect(routeResponseBody({ statusCode: 200, body: '' })).toBeUndefined();
    expect(routeResponseBody(null)).toBeUndefined();
    expect(routeResponseBody(undefined)).toBeUndefined();
  });
});

describe('the subprotocol $connect accepts', () => {
  const answered = (payload: unknown) => acceptedSubprotocol({ kind: 'answered', payload, ms: 1 });

  it("is its answer's Sec-WebSocket-Protocol header, in any case", () => {
    expect(answered({ statusCode: 200, headers: { 'Sec-WebSocket-Protocol': 'chat.v1' } })).toBe('chat.v1');
    expect(answered({ statusCode: 200, headers: { 'sec-websocket-protocol': 'mqtt' } })).toBe('mqtt');
  });

  it('is none without that header, or for a failed function', () => {
    expect(answered({ statusCode: 200 })).toBeUndefined();
    expect(answered({ statusCode: 200, headers: { 'X-Other': 'chat.v1' } })).toBeUndefined();
    expect(answered(undefined)).toBeUndefined();
    expect(acceptedSubprotocol({ kind: 'failed', error: 'x', ms: 1 })).toBeUndefined();
  });
});
