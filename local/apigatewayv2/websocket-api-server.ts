import { isUtf8 } from 'node:buffer';
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';
import { createServer as createSecureServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { IamAuthorization, type IamCredential } from '../apigateway/iam-authorization';
import { clientAddress } from '../apigateway/incoming-request';
import { clfTime } from '../apigateway/invocation-context';
import type { LambdaService } from '../lambda/types';
import { closeListener, listenOn, readBody } from '../shared/http-listener';
import type { RequestsInFlight } from '../shared/requests-in-flight';
import { LOCAL_TLS } from '../shared/tls/local-tls';
import { newTraceRoot } from '../shared/trace-header';
import { answerConnectionsCall, MAX_MESSAGE_BYTES, parseConnectionsCall } from './connections-api';
import type { ApiV2Model, RouteModel } from './http-api-model';
import { ConnectAuthorization, type Upgrade } from './websocket-connect-authorization';
import { GOING_AWAY, type WebSocketConnections } from './websocket-connections';
import { type ConnectionContext, connectEvent, disconnectEvent, messageEvent } from './websocket-events';
import {
  acceptedSubprotocol,
  connectStatus,
  describe,
  integrate,
  routeResponseBody,
} from './websocket-integration';
import { AWS_WEBSOCKET_LIMITS, liveConnection, type WebSocketLimits } from './websocket-live-connection';
import { selectRouteKey } from './websocket-route-selection';

export type { WebSocketLimits } from './websocket-live-connection';

/** How long `close()` waits for clients to answer the close frame, then for `$disconnect` to run. */
const STOP_GRACE_MS = { handshake: 1_000, disconnect: 5_000 };

/** What a WebSocket trace line is about: the event (`CONNECT`, `MESSAGE`...), its route and connection. */
export interface WebSocketTraceFacts {
  readonly event: string;
  readonly routeKey: string;
  /** Absent when the connection was refused before it had an id. */
  readonly connectionId?: string;
}

export interface WebSocketApiServerOptions {
  readonly lambda: LambdaService;
  readonly region: string;
  readonly accountId: string;
  /** The open connections of every WebSocket API, shared with the endpoint's `@connections` route. */
  readonly connections: WebSocketConnections;
  /** The access keys whose SigV4 signatures pass an `AWS_IAM` `$connect`; none: all refused. */
  readonly iamCredentials?: readonly IamCredential[];
  readonly limits?: Partial<WebSocketLimits>;
  readonly requestsInFlight?: RequestsInFlight;
  /** One access-log-style line per connect, message and disconnect, and its facts for the console. */
  readonly onTrace?: (line: string, facts?: WebSocketTraceFacts) => void;
  /**
   * Told of each policy statement that matched nothing because AWS would have refused it (an unknown
   * condition operator, `NotPrincipal` with Allow...). HTTP and WebSocket APIs have no execution log on
   * AWS; here it goes to the trace rather than nowhere.
   */
  readonly onPolicyProblem?: (problem: string) => void;
  readonly now?: () => number;
}

/**
 * One WebSocket API (API Gateway v2, `ProtocolType: WEBSOCKET`) on its own listener: a stage at
 * `ws://host:port/<stage>`, and that stage's `@connections` API at `http://host:port/<stage>/@connections/<id>`
 * on the same host, as on AWS. A second, TLS listener on a free port serves the same (`wss://`, `https://`):
 * it is the `domainName` functions are given, so that `https://${domainName}/${stage}` works as on AWS.
 * See README.md ("WebSocket APIs") for what each step does and answers.
 */
export class WebSocketApiServer {
  private readonly server: Server;
  private readonly secureServer: Server;
  /** The subprotocol each accepted handshake's `$connect` answer named. */
  private readonly subprotocols = new WeakMap<IncomingMessage, string>();
  private readonly sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    handleProtocols: (_asked, req) => this.subprotocols.get(req) ?? false,
  });
  private readonly routes: ReadonlyMap<string, RouteModel>;
  private readonly authorization: ConnectAuthorization;
  private readonly limits: WebSocketLimits;
  private readonly now: () => number;
  /** Each open socket's end, awaited when the server stops. */
  private readonly open = new Map<string, { readonly ws: WebSocket; readonly closed: Promise<void> }>();
  /** `$disconnect` invocations under way, awaited (for a while) when the server stops. */
  private readonly disconnecting = new Set<Promise<void>>();
  private address?: AddressInfo;
  private secureAddress?: AddressInfo;

  constructor(
    readonly api: ApiV2Model,
    private readonly options: WebSocketApiServerOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.limits = { ...AWS_WEBSOCKET_LIMITS, ...options.limits };
    this.routes = new Map(api.routes.map((route) => [route.key, route]));
    const iam = new IamAuthorization(
      options.iamCredentials ?? [],
      options.region,
      this.now,
      'execute-api',
      options.onPolicyProblem,
    );
    this.authorization = new ConnectAuthorization(
      options.lambda,
      iam,
      options.accountId,
      this.now,
      options.onPolicyProblem,
    );
    const onRequest = (req: IncomingMessage, res: ServerResponse) => {
      const done = this.inFlight();
      this.request(req, res)
        .catch(() => answer(res, 500, 'Internal Server Error'))
        .finally(done);
    };
    const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      socket.on('error', () => undefined);
      const done = this.inFlight();
      this.upgrade(req, socket, head)
        .catch(() => refuse(socket, 500, 'Internal Server Error'))
        .finally(done);
    };
    this.server = createServer(onRequest).on('upgrade', onUpgrade);
    this.secureServer = createSecureServer(LOCAL_TLS, onRequest).on('upgrade', onUpgrade);
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    this.address = await listenOn(this.server, port, host);
    // Any free port: the secure listener is found through `domainName`, never typed in.
    this.secureAddress = await listenOn(this.secureServer, 0, host);
    return this.baseUrl;
  }

  /** `http://host:port`: the `@connections` API's base, and what the API's `https://` URLs become. */
  get baseUrl(): string {
    return `http://${hostOf(this.listening(this.address))}`;
  }

  /**
   * `host:port` of the TLS listener: `requestContext.domainName` of every event, so that a function's
   * `https://${domainName}/${stage}` (its management endpoint, as apps build it on AWS) reaches this
   * API's `@connections` API; the functions trust the local certificate.
   */
  get domainName(): string {
    const { address, port, family } = this.listening(this.secureAddress);
    // Listening on every address (`--host 0.0.0.0`): the functions, on this machine, use the loopback
    // one, which the certificate names.
    const loopback = address === '0.0.0.0' ? '127.0.0.1' : address === '::' ? '::1' : address;
    return hostOf({ address: loopback, port, family });
  }

  stageUrl(stage: string): string {
    return `ws://${hostOf(this.listening(this.address))}/${stage}`;
  }

  /** Handshakes, messages and `@connections` calls count as requests in flight, as other APIs' requests do. */
  private inFlight(): () => void {
    return this.options.requestsInFlight?.begin() ?? (() => undefined);
  }

  private listening(address: AddressInfo | undefined): AddressInfo {
    if (!address) throw new Error(`WebSocketApiServer for ${this.api.name} is not listening`);
    return address;
  }

  /** Closes every connection as going away (`$disconnect` runs, briefly awaited), then the listener. */
  async close(): Promise<void> {
    for (const connection of this.options.connections.ofApi(this.api.id)) connection.close(GOING_AWAY);
    const ends = [...this.open.values()];
    const allClosed = () => Promise.all(ends.map((end) => end.closed));
    await within(STOP_GRACE_MS.handshake, allClosed());
    // A client that does not answer the close frame is cut off; its `$disconnect` starts as it closes.
    for (const end of ends) end.ws.terminate();
    await within(STOP_GRACE_MS.handshake, allClosed());
    await within(STOP_GRACE_MS.disconnect, Promise.all([...this.disconnecting]));
    await Promise.all([closeListener(this.server), closeListener(this.secureServer)]);
  }

  /** A plain HTTP request: the stage's `@connections` API, or nothing. */
  private async request(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const call = parseConnectionsCall(req.method ?? 'GET', path);
    if (!call || !this.api.stages.some((stage) => call.prefix === `/${stage.name}`)) {
      answer(res, 403, 'Forbidden');
      return;
    }
    const started = this.now();
    const body = await readBody(req);
    await answerConnectionsCall(this.options.connections, this.api.id, call, body, res);
    this.trace(
      clientAddress(req),
      call.connectionId,
      started,
      call.operation,
      call.prefix,
      String(res.statusCode),
    );
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const started = this.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const segments = url.pathname.split('/').filter(Boolean);
    const stage = segments.length === 1 ? this.api.stages.find((s) => s.name === segments[0]) : undefined;
    const sourceIp = clientAddress(req);
    if (!stage) {
      refuse(socket, 403, 'Forbidden');
      this.trace(sourceIp, '-', started, 'CONNECT', '-', `403 Forbidden (no stage ${url.pathname})`);
      return;
    }
    // The handshake's headers as `$connect` sees them: what API Gateway adds in front (AWS's example
    // event) replaces what a client sent under those names.
    const headers: Array<readonly [string, string]> = [
      ...pairs(req.rawHeaders).filter(([name]) => !/^(x-forwarded-.*|x-amzn-trace-id)$/i.test(name)),
      ['X-Amzn-Trace-Id', `Root=${newTraceRoot(started)}`],
      ['X-Forwarded-For', sourceIp],
      ['X-Forwarded-Port', String(req.socket.localPort ?? '')],
      ['X-Forwarded-Proto', 'encrypted' in req.socket ? 'https' : 'http'],
    ];
    const upgrade: Upgrade = {
      method: req.method ?? 'GET',
      rawPath: url.pathname,
      rawQuery: url.search.replace(/^\?/, ''),
      headers,
    };
    let connection: ConnectionContext = {
      apiId: this.api.id,
      stage: stage.name,
      connectionId: this.options.connections.newId(),
      connectedAt: started,
      domainName: this.domainName,
      sourceIp,
      userAgent: req.headers['user-agent'] ?? '',
      stageVariables: stage.variables,
    };
    const connectRoute = this.routes.get('$connect');
    const fail = (status: number, message: string, detail = message) => {
      refuse(socket, status, message);
      this.traceOf(connection, started, 'CONNECT', '$connect', `${status} ${detail}`);
    };
    if (connectRoute && connectRoute.authorization.type !== 'NONE') {
      const arn = `arn:aws:execute-api:${this.options.region}:${this.options.accountId}:${this.api.id}/${stage.name}/$connect`;
      const decision = await this.authorization.decide(connectRoute.authorization, upgrade, connection, arn);
      if (!decision.allow) {
        fail(decision.status, decision.message, `${decision.message} (authorizer)`);
        return;
      }
      connection = {
        ...connection,
        ...(decision.authorizer ? { authorizer: decision.authorizer } : {}),
        ...(decision.iamIdentity ? { iamIdentity: decision.iamIdentity } : {}),
      };
    }
    if (connectRoute?.integration) {
      const event = connectEvent(connection, upgrade, started);
      const outcome = await integrate(this.options.lambda, connectRoute.integration, event, this.now);
      const status = connectStatus(outcome);
      if (status < 200 || status > 299) {
        fail(status, STATUS_CODES[status] ?? 'Error', describe(outcome));
        return;
      }
      const subprotocol = acceptedSubprotocol(outcome);
      if (subprotocol !== undefined) this.subprotocols.set(req, subprotocol);
    }
    if (socket.destroyed) {
      // The client left while `$connect` ran: the connection existed, so it is disconnected.
      this.traceOf(connection, started, 'CONNECT', '$connect', '200 (client already gone)');
      this.disconnected(connection, 1006, '');
      return;
    }
    this.sockets.handleUpgrade(req, socket, head, (ws) => {
      this.traceOf(connection, started, 'CONNECT', '$connect', '200');
      this.opened(ws, connection);
    });
  }

  /** An accepted connection: registered for `@connections`, timed, its messages routed. */
  private opened(ws: WebSocket, connection: ConnectionContext): void {
    const { local, closed } = liveConnection(ws, connection, this.limits, this.now, {
      onMessage: (data, isBinary) => {
        const done = this.inFlight();
        this.message(ws, connection, data, isBinary).finally(done);
      },
      onClose: (code, reason) => {
        this.options.connections.remove(connection.connectionId);
        this.open.delete(connection.connectionId);
        this.disconnected(connection, code, reason);
      },
    });
    this.options.connections.add(local);
    this.open.set(connection.connectionId, { ws, closed });
  }

  private async message(ws: WebSocket, connection: ConnectionContext, data: Buffer, isBinary: boolean) {
    const started = this.now();
    const routeKey = selectRouteKey(
      this.api.routeSelectionExpression,
      isBinary ? undefined : data.toString('utf8'),
      new Set(this.routes.keys()),
    );
    const route = routeKey === undefined ? undefined : this.routes.get(routeKey);
    const event = messageEvent(connection, routeKey ?? '$default', data, isBinary, started);
    const { requestId } = event.requestContext;
    const reply = (message: string) =>
      sendIfOpen(
        ws,
        Buffer.from(JSON.stringify({ message, connectionId: connection.connectionId, requestId })),
      );
    if (!route?.integration) {
      reply('Forbidden');
      this.traceOf(connection, started, 'MESSAGE', routeKey ?? '-', 'Forbidden (no route)');
      return;
    }
    const outcome = await integrate(this.options.lambda, route.integration, event, this.now);
    this.traceOf(connection, started, 'MESSAGE', route.key, describe(outcome));
    if (outcome.kind === 'failed') reply('Internal server error');
    else if (outcome.kind === 'timeout') reply('Endpoint request timed out');
    else if (route.routeResponseSelectionExpression !== undefined) {
      const body = routeResponseBody(outcome.payload);
      if (body) sendIfOpen(ws, body);
    }
  }

  /** `$disconnect` (best effort, as on AWS): run, not awaited, except by `close()`. */
  private disconnected(connection: ConnectionContext, code: number, reason: string): void {
    const at = this.now();
    const integration = this.routes.get('$disconnect')?.integration;
    const closed = `${code} ${reason}`.trim();
    if (!integration) {
      this.traceOf(connection, at, 'DISCONNECT', '$disconnect', closed);
      return;
    }
    const run = integrate(
      this.options.lambda,
      integration,
      disconnectEvent(connection, code, reason, at),
      this.now,
    ).then((outcome) =>
      this.traceOf(connection, at, 'DISCONNECT', '$disconnect', `${closed}, ${describe(outcome)}`),
    );
    this.disconnecting.add(run);
    void run.finally(() => this.disconnecting.delete(run));
  }

  private traceOf(
    connection: ConnectionContext,
    at: number,
    type: string,
    routeKey: string,
    outcome: string,
  ) {
    this.trace(connection.sourceIp, connection.connectionId, at, type, routeKey, outcome);
  }

  /** `<ip> <connectionId> [<time>] "<EVENT> <routeKey>" <outcome>`: the HTTP access log's shape. */
  private trace(ip: string, id: string, at: number, type: string, routeKey: string, outcome: string) {
    this.options.onTrace?.(`${ip} ${id} [${clfTime(at)}] "${type} ${routeKey}" ${outcome}`, {
      event: type,
      routeKey,
      ...(id === '-' ? {} : { connectionId: id }),
    });
  }
}

const hostOf = (address: AddressInfo) =>
  address.family === 'IPv6' ? `[${address.address}]:${address.port}` : `${address.address}:${address.port}`;

function sendIfOpen(ws: WebSocket, data: Buffer): void {
  if (ws.readyState === ws.OPEN) ws.send(data, { binary: !isUtf8(data) });
}

/** Refuses an upgrade with an HTTP answer, as API Gateway refuses a handshake. */
function refuse(socket: Duplex, status: number, message: string): void {
  if (socket.destroyed) return;
  const body = JSON.stringify({ message });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function answer(res: ServerResponse, status: number, message: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify({ message }));
}

/** `rawHeaders` as pairs, in the case the client sent them. */
function pairs(raw: readonly string[]): Array<readonly [string, string]> {
  const out: Array<readonly [string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i] as string, raw[i + 1] as string]);
  return out;
}

async function within(ms: number, work: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
