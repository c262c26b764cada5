import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerConnectionsCall, parseConnectionsCall } from '../apigatewayv2/connections-api';
import type { WebSocketConnections } from '../apigatewayv2/websocket-connections';
import type { EndpointRoute } from './endpoint-route';

/** Where the endpoint serves a WebSocket API stage's `@connections` API: `/_ws/<apiId>/<stage>`. */
export const CONNECTIONS_PREFIX = '/_ws';

/**
 * The `@connections` API of every local WebSocket API on the local endpoint, for an
 * `ApiGatewayManagementApiClient` whose `endpoint` is `<endpoint>/_ws/<apiId>/<stage>`: the same calls
 * and answers as on the API's own listener (`http://host:port/<stage>`, connections-api.ts). An API or
 * stage the local cloud does not serve is `403 ForbiddenException`.
 */
export class ConnectionsRoute implements EndpointRoute {
  constructor(
    private readonly connections: WebSocketConnections,
    /** Each WebSocket API's id with its stage names. */
    private readonly stages: ReadonlyMap<string, readonly string[]>,
  ) {}

  matches(method: string, path: string): boolean {
    return path.startsWith(`${CONNECTIONS_PREFIX}/`) && parseConnectionsCall(method, path) !== undefined;
  }

  async handle(req: IncomingMessage, _body: string, res: ServerResponse, raw: Buffer): Promise<void> {
    const call = parseConnectionsCall(req.method ?? 'GET', (req.url ?? '/').split('?')[0] ?? '/');
    const [apiId = '', stage = '', ...rest] = (call?.prefix ?? '')
      .slice(CONNECTIONS_PREFIX.length + 1)
      .split('/');
    if (!call || rest.length > 0 || !this.stages.get(apiId)?.includes(stage)) {
      res.writeHead(403, { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'ForbiddenException' });
      res.end(JSON.stringify({ message: 'Forbidden' }));
      return;
    }
    await answerConnectionsCall(this.connections, apiId, call, raw, res);
  }
}
