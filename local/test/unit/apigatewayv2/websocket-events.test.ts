import { APIGatewayProxyWebsocketEventSchema } from '@aws-lambda-powertools/parser/schemas';
import {
  authorizerEvent,
  type ConnectionContext,
  connectEvent,
  disconnectEvent,
  messageEvent,
} from '../../../apigatewayv2/websocket-events';

/** The events a WebSocket API's integrations and authorizer get, field for field as AWS documents them. */
const connection: ConnectionContext = {
  apiId: 'abc1234567',
  stage: 'dev',
  connectionId: 'L0SM9cOFvHcCIhw=',
  connectedAt: 1_700_000_000_000,
  domainName: '127.0.0.1:45678',
  sourceIp: '127.0.0.1',
  userAgent: 'wscat/5',
  stageVariables: {},
  authorizer: { user: 'alice', principalId: 'alice', integrationLatency: 12 },
};
const upgrade = {
  headers: [
    ['Host', '127.0.0.1:4570'],
    ['Sec-WebSocket-Version', '13'],
    ['X-Tag', 'a'],
    ['X-Tag', 'b'],
  ] as const,
  rawQuery: 'token=good&room=1&room=2',
};
const at = 1_700_000_000_500;
const requestContextSchema = APIGatewayProxyWebsocketEventSchema.shape.requestContext;

describe('WebSocket events', () => {
  it('$connect: the handshake headers (the client`s case) and query, no body and no messageId', () => {
    const event = connectEvent(connection, upgrade, at);
    expect(event).toEqual({
      headers: { Host: '127.0.0.1:4570', 'Sec-WebSocket-Version': '13', 'X-Tag': 'b' },
      multiValueHeaders: { Host: ['127.0.0.1:4570'], 'Sec-WebSocket-Version': ['13'], 'X-Tag': ['a', 'b'] },
      queryStringParameters: { token: 'good', room: '2' },
      multiValueQueryStringParameters: { token: ['good'], room: ['1', '2'] },
      isBase64Encoded: false,
      requestContext: {
        routeKey: '$connect',
        eventType: 'CONNECT',
        extendedRequestId: expect.any(String),
        requestTime: '14/Nov/2023:22:13:20 +0000',
        messageDirection: 'IN',
        stage: 'dev',
        connectedAt: connection.connectedAt,
        requestTimeEpoch: at,
        identity: { sourceIp: '127.0.0.1', userAgent: 'wscat/5' },
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        domainName: '127.0.0.1:45678',
        connectionId: 'L0SM9cOFvHcCIhw=',
        apiId: 'abc1234567',
        authorizer: { user: 'alice', principalId: 'alice', integrationLatency: 12 },
      },
    });
    expect(requestContextSchema.safeParse(event.requestContext).success).toBe(true);
  });

  it('$connect without a query string has no query parameters at all', () => {
    const event = connectEvent(connection, { ...upgrade, rawQuery: '' }, at);
    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event).not.toHaveProperty('multiValueQueryStringParameters');
  });

  it('a message: its text body, or base64 for a binary frame, with a messageId and no headers', () => {
    const text = messageEvent(connection, 'join', Buffer.from('{"action":"join"}'), false, at);
    expect(text).toEqual({
      body: '{"action":"join"}',
      isBase64Encoded: false,
      requestContext: expect.objectContaining({
        routeKey: 'join',
        eventType: 'MESSAGE',
        messageId: expect.stringMatching(/^[A-Za-z0-9]{12}$/),
        authorizer: connection.authorizer,
      }),
    });
    expect(requestContextSchema.safeParse(text.requestContext).success).toBe(true);
    const binary = messageEvent(connection, '$default', Buffer.from([0, 255, 1]), true, at);
    expect(binary).toMatchObject({ body: 'AP8B', isBase64Encoded: true });
  });

  it('$disconnect: the close status and reason, and the few headers API Gateway sends', () => {
    const event = disconnectEvent(connection, 1001, 'Going away', at);
    expect(event).toMatchObject({
      headers: { Host: '127.0.0.1:45678', 'x-api-key': '', 'X-Forwarded-For': '', 'x-restapi': '' },
      isBase64Encoded: false,
      requestContext: {
        routeKey: '$disconnect',
        eventType: 'DISCONNECT',
        disconnectStatusCode: 1001,
        disconnectReason: 'Going away',
        authorizer: connection.authorizer,
      },
    });
    expect(event.requestContext.messageId).toBeUndefined();
    expect(requestContextSchema.safeParse(event.requestContext).success).toBe(true);
  });

  it('stage variables reach every event that has any', () => {
    const staged = { ...connection, stageVariables: { tier: 'beta' } };
    expect(messageEvent(staged, 'join', Buffer.from('x'), false, at).stageVariables).toEqual({
      tier: 'beta',
    });
    expect(messageEvent(connection, 'join', Buffer.from('x'), false, at)).not.toHaveProperty(
      'stageVariables',
    );
  });

  it('the REQUEST authorizer: methodArn ending in /$connect, the handshake, no authorizer yet', () => {
    const arn = 'arn:aws:execute-api:us-east-1:000000000000:abc1234567/dev/$connect';
    const event = authorizerEvent(connection, upgrade, arn, at);
    expect(APIGatewayProxyWebsocketEventSchema.safeParse(event).success).toBe(true);
    expect(event).toMatchObject({
      type: 'REQUEST',
      methodArn: arn,
      queryStringParameters: { token: 'good', room: '2' },
      stageVariables: {},
      requestContext: { routeKey: '$connect', eventType: 'CONNECT' },
    });
    expect(event.requestContext).not.toHaveProperty('authorizer');
  });
});
