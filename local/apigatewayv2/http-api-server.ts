import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AccessFacts, formatAccessLog } from '../apigateway/access-log';
import { methodArn } from '../apigateway/authorizer-policy';
import { IamAuthorization, type IamCredential } from '../apigateway/iam-authorization';
import { clientAddress, PayloadTooLargeError, readRequest } from '../apigateway/incoming-request';
import { invokeWithin, TIMED_OUT } from '../apigateway/invoke-within';
import { accountBucket, KeyedThrottles, type TokenBucket } from '../apigateway/throttling';
import type { UserPoolTokenVerifier } from '../apigateway/user-pool-authorizer';
import { requestCorrelationId } from '../console/correlation-id';
import type { LambdaService } from '../lambda/types';
import { closeListener, listenOn } from '../shared/http-listener';
import type { RequestsInFlight } from '../shared/requests-in-flight';
import { HTTP_API_ACCESS_LOG_FORMAT, HttpApiLogVariables } from './access-log-variables';
import { isPreflight, preflightHeaders, responseCorsHeaders, withoutCorsHeaders } from './cors';
import type { Decision } from './decision';
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
import type { ApiV2Model, Authorization, StageModel } from './http-api-model';
import { authorizeIam } from './iam-authorizer';
import { IssuerKeys } from './issuer-keys';
import { authorizeJwt, type JwtKeys } from './jwt-authorizer';
import { LambdaAuthorizers } from './lambda-authorizers';
import { RouteTable } from './route-matching';

export interface HttpApiServerOptions {
  readonly lambda: LambdaService;
  readonly region: string;
  readonly accountId: string;
  /** Checks JWTs of the local user pools. */
  readonly userPools?: UserPoolTokenVerifier;
  /** Other JWT issuers' keys, fetched from their JWKS; pass one to share it between APIs. */
  readonly issuerKeys?: IssuerKeys;
  /** The access keys whose SigV4 signatures pass `AWS_IAM` routes (REST's check); none: all refused. */
  readonly iamCredentials?: readonly IamCredential[];
  /** The account-wide bucket; pass the REST APIs' one to share it, as AWS counts every API of an account. */
  readonly accountThrottle?: TokenBucket;
  readonly requestsInFlight?: RequestsInFlight;
  /**
   * One line per request, in the stage's `AccessLogSettings.Format` (or the console's CLF preset), and
   * the request's facts for the console.
   */
  readonly onAccessLog?: (line: string, facts?: AccessFacts) => void;
  /**
   * Told of each policy statement that matched nothing because AWS would have refused it (an unknown
   * condition operator, `NotPrincipal` with Allow...). HTTP and WebSocket APIs have no execution log on
   * AWS; here it goes to the trace rather than nowhere.
   */
  readonly onPolicyProblem?: (problem: string) => void;
  readonly now?: () => number;
}

/**
 * One HTTP API (API Gateway v2) on its own listener: the `$default` stage at the root, other stages under
 * `/<stage>/`. Each request: CORS preflight (answered by the gateway), the stage and the route (most
 * specific wins), the account's and the route's throttle, its authorization (JWT, Lambda authorizer or
 * IAM), the Lambda proxy integration in the route's payload format within its timeout, the answer with
 * CORS headers and `apigw-requestid`, and an access log line. Errors are HTTP APIs' own
 * `{"message": ...}` bodies.
 */
export class HttpApiServer {
  private readonly server: Server;
  private readonly routes: RouteTable;
  private readonly authorizers: LambdaAuthorizers;
  private readonly iam: IamAuthorization;
  private readonly jwtKeys: JwtKeys;
  private readonly account: TokenBucket;
  /** Per stage: a bucket per route key. */
  private readonly throttles = new Map<string, KeyedThrottles>();
  private readonly now: () => number;
  private address?: AddressInfo;

  constructor(
    readonly api: ApiV2Model,
    private readonly options: HttpApiServerOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.routes = new RouteTable(api.routes);
    this.authorizers = new LambdaAuthorizers(options.lambda, this.now, options.onPolicyProblem);
    this.jwtKeys = {
      ...(options.userPools ? { userPools: options.userPools } : {}),
      issuerKeys: options.issuerKeys ?? new IssuerKeys(this.now),
    };
    this.iam = new IamAuthorization(
      options.iamCredentials ?? [],
      options.region,
      this.now,
      'execute-api',
      options.onPolicyProblem,
    );
    this.account = options.accountThrottle ?? accountBucket(this.now);
    for (const stage of api.stages) this.throttles.set(stage.name, new KeyedThrottles(this.now));
    this.server = createServer((req, res) => {
      const answered = options.requestsInFlight?.begin();
      if (answered) res.once('close', answered);
      this.handle(req, res, this.now()).catch(() =>
        write(res, jsonMessage(500, 'Internal Server Error'), newRequestId()),
      );
    });
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    this.address = await listenOn(this.server, port, host);
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

  close(): Promise<void> {
    return closeListener(this.server);
  }

  private async handle(req: IncomingMessage, res: ServerResponse, started: number): Promise<void> {
    let request: HttpApiRequest;
    try {
      request = await readHttpApiRequest(req, started);
    } catch (error) {
      if (!(error instanceof PayloadTooLargeError)) throw error;
      // Past API Gateway's 10 MB the rest of the body is never read: answer and close the connection.
      res.shouldKeepAlive = false;
      write(res, jsonMessage(413, 'Request Too Long'), newRequestId());
      return;
    }
    const log = new HttpApiLogVariables(request, newRequestId(), this.api.id, this.options.accountId);
    const origin = request.headers.find(([n]) => n === 'origin')?.[1];
    const { cors } = this.api;
    let response: HttpResponse;
    if (cors && isPreflight(request.method, request.headers)) {
      const asked = request.headers.find(([n]) => n === 'access-control-request-headers')?.[1];
      response = { statusCode: 204, headers: preflightHeaders(cors, origin, asked), body: Buffer.alloc(0) };
    } else {
      response = await this.answer(request, log);
      // With a CORS configuration the gateway's headers are the only CORS headers: AWS ignores the backend's.
      if (cors)
        response = {
          ...response,
          headers: [...withoutCorsHeaders(response.headers), ...responseCorsHeaders(cors, origin)],
        };
    }
    write(res, response, log.requestId);
    log.status = response.statusCode;
    log.responseLength = response.body.length;
    const latencyMs = this.now() - started;
    log.responseLatency = latencyMs;
    if (!this.options.onAccessLog) return;
    const stage = this.api.stages.find((s) => s.name === log.stage);
    const correlationId = requestCorrelationId(response.headers, request.headers);
    this.options.onAccessLog(formatAccessLog(stage?.accessLogFormat, log, HTTP_API_ACCESS_LOG_FORMAT), {
      method: request.method,
      path: request.rawPath,
      status: response.statusCode,
      latencyMs,
      ...(correlationId ? { correlationId } : {}),
    });
  }

  private async answer(request: HttpApiRequest, log: HttpApiLogVariables): Promise<HttpResponse> {
    const staged = this.withinStage(request.rawPath);
    if (!staged) return notFound(log);
    const { stage, path } = staged;
    log.stage = stage.name;
    log.stageVariables = stage.variables;
    const match = this.routes.match(request.method, path);
    if (!match?.route.integration) return notFound(log);
    const { route, pathParameters } = match;
    const integration = route.integration as NonNullable<typeof route.integration>;
    // The route's ARN names the path within the stage; the events keep the whole path, as AWS sends a
    // named stage's requests with the stage in `rawPath` and `requestContext.http.path`.
    const routeArn = methodArn({
      region: this.options.region,
      accountId: this.options.accountId,
      apiId: this.api.id,
      stage: stage.name,
      httpMethod: request.method,
      path,
    });
    const context: EventContext = {
      apiId: this.api.id,
      accountId: this.options.accountId,
      stage: stage.name,
      routeKey: route.key,
      domainName: `${this.api.id}.execute-api.${this.options.region}.amazonaws.com`,
      pathParameters,
      stageVariables: stage.variables,
      requestId: log.requestId,
    };
    log.context = context;
    const throttle = stage.routeThrottles.get(route.key) ?? stage.defaultRouteThrottle;
    if (!this.account.tryTake() || !this.throttles.get(stage.name)?.tryTake(route.key, throttle)) {
      log.errorMessage = 'Too Many Requests';
      return jsonMessage(429, 'Too Many Requests');
    }
    const decision = await this.authorize(route.authorization, request, context, routeArn);
    if (!decision.allow) {
      const message = refusal(decision);
      log.errorMessage = message;
      if (route.authorization.type !== 'NONE') log.authorizerError = message;
      const answer = jsonMessage(decision.status, message);
      if (decision.wwwAuthenticate) answer.headers.push(['www-authenticate', decision.wwwAuthenticate]);
      return answer;
    }
    const authorized: EventContext = decision.authorizer
      ? { ...context, authorizer: decision.authorizer }
      : context;
    log.context = authorized;
    const event =
      integration.payloadFormatVersion === '2.0'
        ? eventV2(request, authorized)
        : eventV1(request, authorized);
    const invoked = this.now();
    let result: Awaited<ReturnType<typeof invokeWithin>>;
    try {
      result = await invokeWithin(this.options.lambda, integration.functionArn, event, integration.timeoutMs);
    } catch (error) {
      // Lambda could not run it at all (an unknown function): HTTP APIs answer that as any integration fault.
      log.integrationError = error instanceof Error ? error.message : String(error);
      return jsonMessage(500, 'Internal Server Error');
    }
    log.integrationLatency = this.now() - invoked;
    if (result === TIMED_OUT) {
      log.integrationError = 'The integration did not answer within its timeout';
      return jsonMessage(503, 'Service Unavailable');
    }
    log.integrationStatus = 200;
    if (!result.ok) {
      log.integrationError = result.payload.errorMessage;
      return jsonMessage(500, 'Internal Server Error');
    }
    const response = responseOf(result.payload, integration.payloadFormatVersion);
    log.functionStatus = response.statusCode;
    return response;
  }

  /** The route's authorization; policies (IAM's, a Lambda authorizer's) are evaluated for `routeArn`. */
  private async authorize(
    authorization: Authorization,
    request: HttpApiRequest,
    context: EventContext,
    routeArn: string,
  ): Promise<Decision> {
    switch (authorization.type) {
      case 'NONE':
        return { allow: true };
      case 'JWT':
        return authorizeJwt(
          authorization.authorizer,
          authorization.scopes,
          request,
          context,
          this.jwtKeys,
          this.now(),
        );
      case 'CUSTOM':
        return this.authorizers.decide(authorization.authorizer, request, context, routeArn);
      case 'AWS_IAM':
        return authorizeIam(this.iam, request, context, routeArn);
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

const notFound = (log: HttpApiLogVariables): HttpResponse => {
  log.errorMessage = 'Not Found';
  return jsonMessage(404, 'Not Found');
};

/** The body of a refusal: HTTP APIs' own words for the status, or what the IAM check found. */
function refusal(decision: Extract<Decision, { allow: false }>): string {
  if (decision.message) return decision.message;
  return decision.status === 403
    ? 'Forbidden'
    : decision.status === 401
      ? 'Unauthorized'
      : 'Internal Server Error';
}

/** The request as REST APIs read it (the same 10 MB limit), with header names lower-cased. */
async function readHttpApiRequest(req: IncomingMessage, started: number): Promise<HttpApiRequest> {
  const incoming = await readRequest(req, clientAddress(req));
  return {
    method: incoming.httpMethod,
    rawPath: incoming.rawPath,
    rawQueryString: incoming.rawQuery,
    headers: incoming.headerList.map(([name, value]) => [name.toLowerCase(), value] as const),
    body: incoming.body,
    sourceIp: incoming.sourceIp,
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
