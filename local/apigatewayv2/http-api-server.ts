import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { UserPoolTokenVerifier } from '../apigateway/user-pool-authorizer';
import type { LambdaService } from '../lambda/types';
import type { RequestsInFlight } from '../shared/requests-in-flight';
import { authorizeJwt, type Decision, LambdaAuthorizers } from './authorize';
import { isPreflight, preflightHeaders, responseCorsHeaders } from './cors';
import {
  type EventContext,
  eventV1,
  eventV2,
  type HttpApiRequest,
  type HttpResponse,
  jsonMessage,
  newRequestId,
  responseOf,
} from './http-api-events';
import type { ApiV2Model, StageModel } from './http-api-model';
import { RouteTable } from './route-matching';

export interface HttpApiServerOptions {
  readonly lambda: LambdaService;
  readonly region: string;
  readonly accountId: string;
  /** Checks JWTs of the local user pools; without it every JWT route is 401. */
  readonly userPools?: UserPoolTokenVerifier;
  readonly requestsInFlight?: RequestsInFlight;
  /** One line per request: `<method> <path> <status> <ms>ms <requestId>`. */
  readonly onAccessLog?: (line: string) => void;
  readonly now?: () => number;
}

const TIMED_OUT = Symbol('timed out');

/**
 * One HTTP API (API Gateway v2) on its own listener: the `$default` stage at the root, other stages under
 * `/<stage>/`. Each request: CORS preflight (answered by the gateway), the route (most specific wins),
 * its authorizer (JWT or Lambda), the Lambda proxy integration in the route's payload format, and the
 * answer with CORS headers and `apigw-requestid`. Errors are HTTP APIs' own `{"message": ...}` bodies.
 */
export class HttpApiServer {
  private readonly server: Server;
  private readonly routes: RouteTable;
  private readonly authorizers: LambdaAuthorizers;
  private readonly now: () => number;
  private address?: AddressInfo;

  constructor(
    readonly api: ApiV2Model,
    private readonly options: HttpApiServerOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.routes = new RouteTable(api.routes);
    this.authorizers = new LambdaAuthorizers(options.lambda, this.now);
    this.server = createServer((req, res) => {
      const answered = options.requestsInFlight?.begin();
      if (answered) res.once('close', answered);
      const started = this.now();
      this.handle(req, res, started).catch(() =>
        write(res, jsonMessage(500, 'Internal Server Error'), newRequestId()),
      );
    });
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    this.address = this.server.address() as AddressInfo;
    return this.baseUrl;
  }

  get baseUrl(): string {
    if (!this.address) throw new Error(`HttpApiServer for ${this.api.name} is not listening`);
    return `http://${this.address.address}:${this.address.port}`;
  }

  /** The URL of a stage: the root for `$default`, `/<name>/` for another. */
  stageUrl(stage: string): string {
    return stage === '$default' ? `${this.baseUrl}/` : `${this.baseUrl}/${stage}/`;
  }

  async close(): Promise<void> {
    if (!this.server.listening) return;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse, started: number): Promise<void> {
    const requestId = newRequestId();
    const request = await readRequest(req, started);
    const origin = request.headers.find(([n]) => n === 'origin')?.[1];
    const { cors } = this.api;
    let response: HttpResponse;
    if (cors && isPreflight(request.method, request.headers)) {
      const asked = request.headers.find(([n]) => n === 'access-control-request-headers')?.[1];
      response = { statusCode: 204, headers: preflightHeaders(cors, origin, asked), body: Buffer.alloc(0) };
    } else {
      response = await this.answer(request, requestId);
      if (cors)
        response = { ...response, headers: [...response.headers, ...responseCorsHeaders(cors, origin)] };
    }
    write(res, response, requestId);
    this.options.onAccessLog?.(
      `${request.method} ${request.rawPath} ${response.statusCode} ${this.now() - started}ms ${requestId}`,
    );
  }

  private async answer(request: HttpApiRequest, requestId: string): Promise<HttpResponse> {
    const staged = this.withinStage(request.rawPath);
    if (!staged) return jsonMessage(404, 'Not Found');
    const { stage, path } = staged;
    const match = this.routes.match(request.method, path);
    if (!match?.route.integration) return jsonMessage(404, 'Not Found');
    const { route, pathParameters } = match;
    const integration = route.integration as NonNullable<typeof route.integration>;
    const local: HttpApiRequest = { ...request, rawPath: path };
    const context: EventContext = {
      apiId: this.api.id,
      accountId: this.options.accountId,
      stage: stage.name,
      routeKey: route.key,
      domainName: `${this.api.id}.execute-api.${this.options.region}.amazonaws.com`,
      pathParameters,
      stageVariables: stage.variables,
      requestId,
    };
    const decision = await this.authorize(route.authorization, local, context);
    if (!decision.allow) {
      return jsonMessage(
        decision.status,
        decision.status === 403
          ? 'Forbidden'
          : decision.status === 401
            ? 'Unauthorized'
            : 'Internal Server Error',
      );
    }
    const authorized: EventContext = decision.authorizer
      ? { ...context, authorizer: decision.authorizer }
      : context;
    const event =
      integration.payloadFormatVersion === '2.0' ? eventV2(local, authorized) : eventV1(local, authorized);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), integration.timeoutMs);
    });
    try {
      const result = await Promise.race([
        this.options.lambda.invoke(integration.functionArn, event),
        timeout,
      ]);
      if (result === TIMED_OUT) return jsonMessage(503, 'Service Unavailable');
      if (!result.ok) return jsonMessage(500, 'Internal Server Error');
      return responseOf(result.payload, integration.payloadFormatVersion);
    } finally {
      clearTimeout(timer);
    }
  }

  private async authorize(
    authorization: (typeof this.api.routes)[number]['authorization'],
    request: HttpApiRequest,
    context: EventContext,
  ): Promise<Decision> {
    switch (authorization.type) {
      case 'NONE':
        return { allow: true };
      case 'JWT':
        return authorizeJwt(
          authorization.authorizer,
          authorization.scopes,
          request,
          this.options.userPools,
          this.now(),
        );
      case 'CUSTOM': {
        const routeArn = `arn:aws:execute-api:${this.options.region}:${this.options.accountId}:${this.api.id}/${context.stage}/${request.method}${request.rawPath}`;
        return this.authorizers.decide(authorization.authorizer, request, context, routeArn);
      }
      case 'AWS_IAM':
        // Not checked on HTTP APIs yet (the REST APIs' SigV4 check is not wired here): refused, not waved through.
        return { allow: false, status: 403 };
    }
  }

  /** The stage a path is under and the path within it; `$default` takes every path no other stage does. */
  private withinStage(rawPath: string): { stage: StageModel; path: string } | undefined {
    const [first = ''] = rawPath.split('/').filter(Boolean);
    const named = this.api.stages.find((stage) => stage.name === first && stage.name !== '$default');
    if (named) return { stage: named, path: rawPath.slice(first.length + 1) || '/' };
    const fallback = this.api.stages.find((stage) => stage.name === '$default');
    return fallback ? { stage: fallback, path: rawPath } : undefined;
  }
}

async function readRequest(req: IncomingMessage, started: number): Promise<HttpApiRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const url = req.url ?? '/';
  const question = url.indexOf('?');
  const headers: Array<[string, string]> = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    headers.push([String(req.rawHeaders[i]).toLowerCase(), String(req.rawHeaders[i + 1])]);
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    rawPath: question < 0 ? url : url.slice(0, question),
    rawQueryString: question < 0 ? '' : url.slice(question + 1),
    headers,
    body: Buffer.concat(chunks),
    sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
    receivedAt: new Date(started),
  };
}

function write(res: ServerResponse, response: HttpResponse, requestId: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const headers: Array<[string, string]> = [
    ...response.headers,
    ['apigw-requestid', requestId],
    ['content-length', String(response.body.length)],
  ];
  res.writeHead(response.statusCode, headers.flat());
  res.end(response.body);
}
