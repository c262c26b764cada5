import type { ServerResponse } from 'node:http';
import { DELETED, type WebSocketConnections } from './websocket-connections';

/** API Gateway's limit for a message, sent (PostToConnection) or received. */
export const MAX_MESSAGE_BYTES = 128 * 1024;

/** One call of the `@connections` API (ApiGatewayManagementApi), by its method and path. */
export interface ConnectionsCall {
  readonly operation: 'PostToConnection' | 'GetConnection' | 'DeleteConnection';
  readonly connectionId: string;
  /** The path before `/@connections` (`/dev` on an API's host: its stage). */
  readonly prefix: string;
}

const OPERATIONS: Readonly<Record<string, ConnectionsCall['operation']>> = {
  POST: 'PostToConnection',
  GET: 'GetConnection',
  DELETE: 'DeleteConnection',
};

/**
 * The call a request to the `@connections` API makes: `POST|GET|DELETE <prefix>/@connections/<id>`, the
 * id percent-decoded as the SDK encodes it. Undefined for any other path or method.
 */
export function parseConnectionsCall(method: string, path: string): ConnectionsCall | undefined {
  const match = /^(.*)\/@connections\/([^/]+)$/.exec(path);
  const operation = OPERATIONS[method];
  if (!match?.[2] || !operation) return undefined;
  try {
    return { operation, connectionId: decodeURIComponent(match[2]), prefix: match[1] ?? '' };
  } catch {
    return undefined;
  }
}

/**
 * Answers one `@connections` call for the API `apiId` as API Gateway's management API does (restJson1):
 *
 * - `PostToConnection`: the raw body goes to the client as one message: `200`; over 128 KB
 *   `413 PayloadTooLargeException`;
 * - `GetConnection`: `200 {"connectedAt", "identity": {"sourceIp", "userAgent"}, "lastActiveAt"}` (ISO 8601);
 * - `DeleteConnection`: closes it (`$disconnect` runs): `204`;
 * - a connection that is not open (never was, or closed) is `410 GoneException`, for each of them.
 *
 * No credentials are checked (`execute-api:ManageConnections` is not enforced), as nowhere on the endpoint.
 */
export async function answerConnectionsCall(
  connections: WebSocketConnections,
  apiId: string,
  call: ConnectionsCall,
  body: Buffer,
  res: ServerResponse,
): Promise<void> {
  const connection = connections.get(apiId, call.connectionId);
  if (!connection) {
    sendError(res, 410, 'GoneException', `Connection ${call.connectionId} is gone`);
    return;
  }
  switch (call.operation) {
    case 'PostToConnection':
      if (body.length > MAX_MESSAGE_BYTES) {
        sendError(res, 413, 'PayloadTooLargeException', 'Request entity too large');
        return;
      }
      try {
        await connection.send(body);
      } catch {
        // Closed between the lookup and the send: gone all the same.
        sendError(res, 410, 'GoneException', `Connection ${call.connectionId} is gone`);
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '0' }).end();
      return;
    case 'GetConnection': {
      const answer = JSON.stringify({
        connectedAt: new Date(connection.connectedAt).toISOString(),
        identity: { sourceIp: connection.sourceIp, userAgent: connection.userAgent },
        lastActiveAt: new Date(connection.lastActiveAt).toISOString(),
      });
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(answer);
      return;
    }
    case 'DeleteConnection':
      connection.close(DELETED);
      res.writeHead(204).end();
      return;
  }
}

function sendError(res: ServerResponse, status: number, type: string, message: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'x-amzn-ErrorType': type });
  res.end(JSON.stringify({ message }));
}
