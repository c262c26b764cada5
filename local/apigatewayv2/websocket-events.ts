import { randomBytes, randomUUID } from 'node:crypto';
import type {
  APIGatewayEventWebsocketRequestContextV2,
  APIGatewayProxyWebsocketEventV2,
  APIGatewayRequestAuthorizerEvent,
} from 'aws-lambda';
import { clfTime } from '../apigateway/invocation-context';

/** What every event of one connection says about it (fixed at `$connect`). */
export interface ConnectionContext {
  readonly apiId: string;
  readonly stage: string;
  readonly connectionId: string;
  readonly connectedAt: number;
  /** What the functions are told the API's host is: it leads to its `@connections` API (see the README). */
  readonly domainName: string;
  readonly sourceIp: string;
  readonly userAgent: string;
  readonly stageVariables: Readonly<Record<string, string>>;
  /** `requestContext.authorizer`: the authorizer's `context` with `principalId` (and `integrationLatency`). */
  readonly authorizer?: Readonly<Record<string, unknown>>;
  /** `requestContext.identity` beyond the source IP and user agent: an IAM signer's access key and ARN. */
  readonly iamIdentity?: Readonly<Record<string, string | null>>;
}

/** The upgrade request a connection began with: headers in the case the client sent them, in order. */
export interface ConnectRequest {
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly rawQuery: string;
}

/** A WebSocket event's `requestContext`: the typed fields plus those @types/aws-lambda leaves out. */
export type WebSocketRequestContext = APIGatewayEventWebsocketRequestContextV2 & {
  readonly identity: Record<string, string | null>;
  readonly authorizer?: Readonly<Record<string, unknown>>;
  readonly disconnectStatusCode?: number;
  readonly disconnectReason?: string;
};

export type WebSocketEvent = APIGatewayProxyWebsocketEventV2 & {
  requestContext: WebSocketRequestContext;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
};

/** The REQUEST authorizer's input on `$connect`, as "Control access to WebSocket APIs with ... REQUEST authorizers" shows it. */
export type WebSocketAuthorizerEvent = Pick<
  APIGatewayRequestAuthorizerEvent,
  'type' | 'methodArn' | 'headers' | 'multiValueHeaders' | 'queryStringParameters'
> & {
  multiValueQueryStringParameters: NonNullable<
    APIGatewayRequestAuthorizerEvent['multiValueQueryStringParameters']
  >;
  stageVariables: Record<string, string>;
  requestContext: WebSocketRequestContext;
  isBase64Encoded: false;
};

/** A request id as API Gateway makes them, and the short `extendedRequestId` beside it. */
export const newRequestIds = () => ({
  requestId: randomUUID(),
  extendedRequestId: randomBytes(6).toString('base64').replace(/[+/]/g, 'A'),
});

function requestContext(
  connection: ConnectionContext,
  routeKey: string,
  eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT',
  at: number,
): Omit<WebSocketRequestContext, 'messageId'> {
  const { requestId, extendedRequestId } = newRequestIds();
  return {
    routeKey,
    eventType,
    extendedRequestId,
    requestTime: clfTime(at),
    messageDirection: 'IN',
    stage: connection.stage,
    connectedAt: connection.connectedAt,
    requestTimeEpoch: at,
    identity: {
      ...connection.iamIdentity,
      sourceIp: connection.sourceIp,
      userAgent: connection.userAgent,
    },
    requestId,
    domainName: connection.domainName,
    connectionId: connection.connectionId,
    apiId: connection.apiId,
    ...(connection.authorizer ? { authorizer: connection.authorizer } : {}),
  } as Omit<WebSocketRequestContext, 'messageId'>;
}

function headerMaps(pairs: ReadonlyArray<readonly [string, string]>) {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, value] of pairs) {
    single[name] = value;
    multi[name] = [...(multi[name] ?? []), value];
  }
  return { single, multi };
}

const withStageVariables = (connection: ConnectionContext) =>
  Object.keys(connection.stageVariables).length > 0
    ? { stageVariables: { ...connection.stageVariables } }
    : {};

/** `$connect`: the upgrade request's headers and query string; no body, no `messageId`. */
export function connectEvent(
  connection: ConnectionContext,
  request: ConnectRequest,
  at: number,
): WebSocketEvent {
  const headers = headerMaps(request.headers);
  const query = headerMaps([...new URLSearchParams(request.rawQuery)]);
  return {
    headers: headers.single,
    multiValueHeaders: headers.multi,
    ...(Object.keys(query.single).length > 0
      ? { queryStringParameters: query.single, multiValueQueryStringParameters: query.multi }
      : {}),
    requestContext: requestContext(connection, '$connect', 'CONNECT', at) as WebSocketRequestContext,
    isBase64Encoded: false,
    ...withStageVariables(connection),
  };
}

/** A message to `routeKey`: its body as text, or base64 for a binary frame. */
export function messageEvent(
  connection: ConnectionContext,
  routeKey: string,
  data: Buffer,
  isBinary: boolean,
  at: number,
): WebSocketEvent {
  return {
    requestContext: {
      ...requestContext(connection, routeKey, 'MESSAGE', at),
      messageId: randomBytes(8).toString('base64').replace(/[+/=]/g, 'A'),
    } as WebSocketRequestContext,
    body: isBinary ? data.toString('base64') : data.toString('utf8'),
    isBase64Encoded: isBinary,
    ...withStageVariables(connection),
  };
}

/** `$disconnect`: the close's status and reason; the few headers API Gateway sends with it. */
export function disconnectEvent(
  connection: ConnectionContext,
  code: number,
  reason: string,
  at: number,
): WebSocketEvent {
  const headers = headerMaps([
    ['Host', connection.domainName],
    ['x-api-key', ''],
    ['X-Forwarded-For', ''],
    ['x-restapi', ''],
  ]);
  return {
    headers: headers.single,
    multiValueHeaders: headers.multi,
    requestContext: {
      ...requestContext(connection, '$disconnect', 'DISCONNECT', at),
      disconnectStatusCode: code,
      disconnectReason: reason,
    } as WebSocketRequestContext,
    isBase64Encoded: false,
    ...withStageVariables(connection),
  };
}

/** The REQUEST authorizer's event for `$connect`: `methodArn` ends in `/$connect`. */
export function authorizerEvent(
  connection: ConnectionContext,
  request: ConnectRequest,
  methodArn: string,
  at: number,
): WebSocketAuthorizerEvent {
  const event = connectEvent({ ...connection, authorizer: undefined } as ConnectionContext, request, at);
  return {
    type: 'REQUEST',
    methodArn,
    headers: event.headers ?? {},
    multiValueHeaders: event.multiValueHeaders ?? {},
    queryStringParameters: event.queryStringParameters ?? {},
    multiValueQueryStringParameters: event.multiValueQueryStringParameters ?? {},
    stageVariables: { ...connection.stageVariables },
    requestContext: event.requestContext,
    // Powertools' schema of this event (modelled on AWS's) has it too.
    isBase64Encoded: false,
  };
}
