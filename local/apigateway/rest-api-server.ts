import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { requestCorrelationId } from '../console/correlation-id';
import type { LambdaService } from '../lambda/types';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '../model/resolved-resource';
import type { RequestsInFlight } from '../shared/requests-in-flight';
import { type AccessFacts, formatAccessLog } from './access-log';
import { methodArn } from './authorizer-policy';
import { identityValue, LambdaAuthorizers } from './authorizers';
import { GatewayError } from './gateway-error';
import { NO_REQUEST_VALUES, renderGatewayResponse } from './gateway-responses';
import type { HttpResult } from './http-result';
import { IamAuthorization, type IamCredential } from './iam-authorization';
import {
  clientAddress,
  type IncomingApiRequest,
  PayloadTooLargeError,
  readRequest,
  sourceIpOf,
} from './incoming-request';
import { InvocationContext } from './invocation-context';
import { runMock } from './mock-integration';
import { apiCallContext } from './policy-context';
import { buildProxyEvent, type ProxyEventInput } from './proxy-event';
import { DEFAULT_INTEGRATION_TIMEOUT_MS, invokeProxy } from './proxy-integration';
import { RequestValidation } from './request-validation';
import { ResourcePolicy, resourcePolicyRefusal } from './resource-policy';
import { type CacheOutcome, ResponseCaching } from './response-caching';
import type { IntegrationModel, RestApiModel, StageModel } from './rest-api-model';
import { type RouteMatch, route } from './router';
import { StageCache } from './stage-cache';
import { accountBucket, StageThrottles, type TokenBucket } from './throttling';
import { UsagePlans } from './usage-plans';
import { authorizeWithUserPool, type UserPoolTokenVerifier } from './user-pool-authorizer';

export interface RestApiServerOptions {
  /** Where proxy integrations and Lambda authorizers are invoked. */
  readonly lambda: LambdaService;
  /**
   * One line per request, formatted with the stage's AccessLogSetting.Format (or a CLF default), what
   * the stage cache did for it (a hit invoked nothing), and the request's facts for the console.
   */
  readonly onAccessLog?: (line: string, cache?: CacheOutcome, facts?: AccessFacts) => void;
  /** API Gateway's execution log: why a request failed (malformed proxy result, timeout...). */
  readonly onExecutionLog?: (line: string) => void;
  /** Overrides every integration timeout (29 s, or the method's TimeoutInMillis); for tests. */
  readonly integrationTimeoutMs?: number;
  /** The clock of throttling, quotas, the authorizer cache and the stage cache; for tests. */
  readonly now?: () => number;
  /** The account-wide 10 000 rps bucket; pass one bucket to every server to share it like AWS does. */
  readonly accountThrottle?: TokenBucket;
  readonly region?: string;
  readonly accountId?: string;
  /** The access keys whose SigV4 signatures pass IAM authorization (`AWS_IAM` methods); none: all refused. */
  readonly iamCredentials?: readonly IamCredential[];
  /** Checks the tokens of `COGNITO_USER_POOLS` methods (the local Cognito); none: every such request is 401. */
  readonly userPools?: UserPoolTokenVerifier;
  /** Counts each request from its arrival until its response is done (background work yields to them). */
  readonly requestsInFlight?: RequestsInFlight;
}

/** Everything per stage that keeps state between requests. */
interface StageRuntime {
  readonly stage: StageModel;
  readonly throttles: StageThrottles;
  /** Emptied only by a restart, as only a redeployment flushes a stage cache in AWS. */
  readonly cache: StageCache;
}

/**
 * One REST API (v1) on its own HTTP listener, served like execute-api: `<base URL>/<stage>/<path>`.
 * Each request goes through API Gateway's pipeline in AWS's order: stage, route (resource tree and
 * method), throttling, Lambda authorizer, API key and usage plan, request validation, the stage cache,
 * integration (Lambda proxy or MOCK), with gateway responses for every failure and one access log line at
 * the end.
 */
export class RestApiServer {
  private readonly server: Server;
  private readonly stages = new Map<string, StageRuntime>();
  private readonly validation: RequestValidation;
  private readonly usagePlans: UsagePlans;
  private readonly authorizers: LambdaAuthorizers;
  private readonly iam: IamAuthorization;
  private readonly region: string;
  /** The API's resource policy, enforced as API Gateway does for each authorization type. */
  private readonly resourcePolicy?: ResourcePolicy;
  private readonly caching: ResponseCaching;
  private readonly account: TokenBucket;
  private readonly now: () => number;
  private address?: AddressInfo;

  constructor(
    readonly api: RestApiModel,
    private readonly options: RestApiServerOptions,
  ) {
    this.now = options.now ?? Date.now;
    for (const stage of api.stages.values()) {
      this.stages.set(stage.name, {
        stage,
        throttles: new StageThrottles(stage, this.now),
        cache: new StageCache(this.now),
      });
    }
    this.validation = new RequestValidation(api);
    this.usagePlans = new UsagePlans(api, this.now);
    this.authorizers = new LambdaAuthorizers(options.lambda, this.now);
    this.region = options.region ?? LOCAL_REGION;
    this.iam = new IamAuthorization(
      options.iamCredentials ?? [],
      this.region,
      this.now,
      'execute-api',
      (problem) => this.executionLog(problem),
    );
    if (api.resourcePolicy !== undefined) {
      this.resourcePolicy = new ResourcePolicy(
        api.resourcePolicy,
        { region: this.region, accountId: options.accountId ?? LOCAL_ACCOUNT_ID, apiId: api.id },
        (problem) => this.executionLog(problem),
      );
    }
    this.account = options.accountThrottle ?? accountBucket(this.now);
    this.caching = new ResponseCaching((request, arn) => this.iam.mayInvalidateCache(request, arn));
    const onRequest = (request: IncomingMessage, response: ServerResponse) => {
      const started = this.now();
      const answered = options.requestsInFlight?.begin();
      if (answered) response.once('close', answered);
      this.handle(request, response, started).catch((error: unknown) => {
        this.executionLog(`Unexpected failure: ${error instanceof Error ? error.stack : String(error)}`);
        if (response.headersSent) {
          response.end();
          return;
        }
        const context = this.contextFor(request, started);
        const failure = new GatewayError('DEFAULT_5XX', 'Internal server error', { statusCode: 500 });
        this.write(
          response,
          context,
          renderGatewayResponse(this.api, failure, context, NO_REQUEST_VALUES),
          started,
          undefined,
          request.headers,
        );
      });
    };
    this.server = createServer(onRequest);
    // An Expect other than 100-continue: Node would answer an empty 417 itself. API Gateway ignores the
    // header, so the request goes through the pipeline like any other.
    this.server.on('checkExpectation', onRequest);
    // CONNECT never reaches 'request': without a listener Node drops the connection unanswered. API
    // Gateway has no CONNECT route, so it is refused like any method it cannot parse (DEFAULT_4XX).
    this.server.on('connect', (_request: IncomingMessage, socket: Socket) => {
      const error: NodeJS.ErrnoException = new Error('CONNECT is not served');
      error.code = 'HPE_CONNECT';
      socket.end(this.unparsableRequestResponse(socket, error));
    });
    // Node's parser refuses some requests before any handler sees them (a control character in a header,
    // an unknown method, a malformed request line). Its default is an empty 400; API Gateway would answer
    // those with the API's own 4XX response, so this does too.
    this.server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
      if (error.code === 'ECONNRESET' || !socket.writable) {
        socket.destroy();
        return;
      }
      socket.end(this.unparsableRequestResponse(socket, error));
    });
  }

  /** The raw HTTP response to a request Node could not parse: the API's DEFAULT_4XX, closing the socket. */
  private unparsableRequestResponse(socket: Socket, error: NodeJS.ErrnoException): string {
    const started = this.now();
    const context = new InvocationContext(
      this.api.id,
      this.options.accountId ?? LOCAL_ACCOUNT_ID,
      started,
      'GET',
      '/',
      'HTTP/1.1',
      sourceIpOf(socket),
      undefined,
      '127.0.0.1',
    );
    this.executionLog(`(${context.requestId}) Refused an unparsable request: ${error.code ?? error.message}`);
    const refused = new GatewayError('DEFAULT_4XX', 'Bad Request', { statusCode: 400 });
    const result = renderGatewayResponse(this.api, refused, context, NO_REQUEST_VALUES);
    const headers = [
      ...result.headers,
      ['x-amzn-RequestId', context.requestId],
      ['Content-Length', String(result.body.length)],
      ['Connection', 'close'],
    ];
    context.status = result.statusCode;
    context.responseLength = result.body.length;
    context.responseLatency = 0;
    // Node could not parse it: no method or path worth a timeline record beyond the line.
    this.options.onAccessLog?.(formatAccessLog(undefined, context));
    return (
      `HTTP/1.1 ${result.statusCode} ${STATUS_CODES[result.statusCode] ?? 'Bad Request'}\r\n` +
      `${headers.map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n${result.body.toString('utf8')}`
    );
  }

  /** Starts listening; resolves with the base URL (`http://127.0.0.1:<port>`). Stage URLs hang below it. */
  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.address = this.server.address() as AddressInfo;
    return this.url;
  }

  get url(): string {
    if (!this.address) throw new Error(`RestApiServer for ${this.api.name} is not listening`);
    const host = this.address.family === 'IPv6' ? `[${this.address.address}]` : this.address.address;
    return `http://${host}:${this.address.port}`;
  }

  /** `<base URL>/<stage>/`, the local equivalent of the stage's invoke URL. */
  stageUrl(stageName: string): string {
    return `${this.url}/${stageName}/`;
  }

  async close(): Promise<void> {
    if (!this.server.listening) return;
    const closed = new Promise<void>((resolve, reject) =>
      this.server.close((error) => (error ? reject(error) : resolve())),
    );
    this.server.closeAllConnections();
    await closed;
  }

  private executionLog(line: string): void {
    this.options.onExecutionLog?.(line);
  }

  private async handle(message: IncomingMessage, response: ServerResponse, started: number): Promise<void> {
    // Before the body is read: a refused body destroys the request stream, and its socket with it.
    const context = this.contextFor(message, started);
    let request: IncomingApiRequest;
    try {
      request = await readRequest(message, context.sourceIp);
    } catch (error) {
      if (!(error instanceof PayloadTooLargeError)) throw error;
      // The rest of the body is never read: answer and close the connection.
      const tooLarge = new GatewayError('REQUEST_TOO_LARGE', 'Request Too Long');
      const result = renderGatewayResponse(this.api, tooLarge, context, NO_REQUEST_VALUES);
      response.shouldKeepAlive = false;
      this.write(response, context, result, started, undefined, message.headers);
      return;
    }

    const runtime = this.stages.get(request.stageName);
    let result: HttpResult;
    if (!runtime) {
      // An unknown stage is refused before the API's deployment (and its gateway responses) is known.
      result = renderGatewayResponse(
        undefined,
        new GatewayError('FORBIDDEN', 'Forbidden', { statusCode: 403 }),
        context,
        request,
      );
    } else {
      context.stage = runtime.stage.name;
      context.deploymentId = runtime.stage.deploymentId;
      context.stageVariables = runtime.stage.variables;
      context.tracingEnabled = runtime.stage.tracingEnabled;
      try {
        result = await this.process(request, context, runtime);
      } catch (error) {
        if (!(error instanceof GatewayError)) throw error;
        result = renderGatewayResponse(this.api, error, context, request);
      }
    }
    this.write(response, context, result, started, runtime?.stage, message.headers);
  }

  private contextFor(message: IncomingMessage, started: number): InvocationContext {
    const url = message.url ?? '/';
    return new InvocationContext(
      this.api.id,
      this.options.accountId ?? LOCAL_ACCOUNT_ID,
      started,
      (message.method ?? 'GET').toUpperCase(),
      url.split('?')[0] ?? '/',
      `HTTP/${message.httpVersion}`,
      clientAddress(message),
      message.headers['user-agent'],
      message.headers.host ?? '127.0.0.1',
      [message.headers['x-amzn-trace-id']].flat()[0],
    );
  }

  /** The pipeline after the stage is known; throws GatewayError for every refusal. */
  private async process(
    request: IncomingApiRequest,
    context: InvocationContext,
    runtime: StageRuntime,
  ): Promise<HttpResult> {
    const path = request.pathWithoutStage;
    const match: RouteMatch | undefined = route(this.api.root, path, request.httpMethod);
    if (!match) throw new GatewayError('MISSING_AUTHENTICATION_TOKEN', 'Missing Authentication Token');
    const { resource, method } = match;
    request.pathParameters = match.pathParameters;
    context.resourcePath = resource.path;
    context.resourceId = resource.id;
    if (method.operationName) context.operationName = method.operationName;

    if (!this.account.tryTake() || !runtime.throttles.tryTake(resource.path, request.httpMethod)) {
      throw new GatewayError('THROTTLED', 'Too Many Requests');
    }

    const eventInput: ProxyEventInput = {
      request,
      context,
      resourcePath: resource.path,
      resourceId: resource.id,
      pathParameters: match.pathParameters,
      binaryMediaTypes: this.api.binaryMediaTypes,
    };

    let usageIdentifierKey: string | undefined;
    // What IAM policies and authorizer policies are evaluated against; unauthenticated methods skip it.
    const arn = () =>
      methodArn({
        region: this.options.region ?? LOCAL_REGION,
        accountId: context.accountId,
        apiId: this.api.id,
        stage: runtime.stage.name,
        httpMethod: request.httpMethod,
        path,
      });
    // The condition keys the policies see; a resource policy's decision for a caller nobody vouched for.
    const policyContext = apiCallContext({
      now: context.requestTimeEpoch,
      region: this.region,
      sourceIp: request.sourceIp,
      header: (name) => request.header(name),
    });
    const anonymousDecision = () => this.resourcePolicy?.decide(arn(), policyContext);
    if (method.authorizationType === 'AWS_IAM') {
      const { resourcePolicy } = this;
      context.iamCaller = await this.iam.authorize(
        request,
        arn(),
        resourcePolicy &&
          ((caller, callerContext) => resourcePolicy.decide(arn(), callerContext, caller.principal)),
      );
    } else if (this.resourcePolicy && method.authorizationType !== 'CUSTOM') {
      // No authorization, or Cognito's: only the resource policy's explicit Allow lets the call in.
      const decision = anonymousDecision();
      if (decision !== 'ALLOW') throw resourcePolicyRefusal(decision ?? 'NO_MATCH', arn());
    }
    if (method.authorizationType === 'CUSTOM') {
      const authorizer = method.authorizerId ? this.api.authorizers.get(method.authorizerId) : undefined;
      if (authorizer?.type !== 'TOKEN' && authorizer?.type !== 'REQUEST')
        throw new GatewayError('AUTHORIZER_CONFIGURATION_ERROR', null);
      // An explicit Deny of the resource policy refuses before the authorizer is called.
      const resourceDecision = anonymousDecision();
      if (resourceDecision === 'DENY') throw resourcePolicyRefusal(resourceDecision, arn());
      const outcome = await this.authorizers.authorize(authorizer, arn(), request, eventInput, {
        context: policyContext,
        onProblem: (problem) => this.executionLog(`(${context.requestId}) ${problem}`),
        ...(resourceDecision ? { resourcePolicy: resourceDecision } : {}),
      });
      if (outcome instanceof GatewayError) throw outcome;
      context.authorizer = outcome.authorizer;
      usageIdentifierKey = outcome.usageIdentifierKey;
    }
    if (method.authorizationType === 'COGNITO_USER_POOLS') {
      const authorizer = method.authorizerId ? this.api.authorizers.get(method.authorizerId) : undefined;
      if (authorizer?.type !== 'COGNITO_USER_POOLS')
        throw new GatewayError('AUTHORIZER_CONFIGURATION_ERROR', null);
      const outcome = authorizeWithUserPool(
        authorizer,
        method.authorizationScopes,
        identityValue(authorizer.identitySource, request, context),
        this.options.userPools,
        this.now(),
      );
      if (outcome instanceof GatewayError) throw outcome;
      context.authorizer = outcome;
    }

    if (method.apiKeyRequired) {
      const value = this.api.apiKeySource === 'AUTHORIZER' ? usageIdentifierKey : request.header('x-api-key');
      const grant = this.usagePlans.admit(value, runtime.stage.name, resource.path, request.httpMethod);
      if (grant instanceof GatewayError) throw grant;
      context.apiKey = grant.key.value;
      context.apiKeyId = grant.key.id;
    }

    const invalid = this.validation.check(method, request);
    if (invalid) throw invalid;

    const { result, outcome } = await this.caching.serve(
      {
        stage: runtime.stage,
        cache: runtime.cache,
        method,
        resourceId: resource.id,
        resourcePath: resource.path,
        request,
        methodArn: arn(),
      },
      () => this.integrate(method.integration, request, context, eventInput),
    );
    if (outcome) context.cacheOutcome = outcome;
    // The trace header is the request's own, also on an answer from the cache.
    return method.integration.type === 'AWS_PROXY'
      ? { ...result, headers: [...result.headers, ['X-Amzn-Trace-Id', context.traceHeader]] }
      : result;
  }

  /** The method's integration; what it answers is what the stage cache may store. */
  private async integrate(
    integration: IntegrationModel,
    request: IncomingApiRequest,
    context: InvocationContext,
    eventInput: ProxyEventInput,
  ): Promise<HttpResult> {
    switch (integration.type) {
      case 'AWS_PROXY': {
        const integrationStarted = this.now();
        try {
          const outcome = await invokeProxy(
            this.options.lambda,
            integration.functionArn,
            buildProxyEvent(eventInput),
            this.options.integrationTimeoutMs ?? integration.timeoutMs ?? DEFAULT_INTEGRATION_TIMEOUT_MS,
            (line) => this.executionLog(`(${context.requestId}) ${line}`),
            { traceHeader: context.traceHeader },
          );
          context.integrationStatus = outcome.integrationStatus;
          return outcome.result;
        } finally {
          context.integrationLatency = this.now() - integrationStarted;
        }
      }
      case 'MOCK':
        return runMock(integration, request);
      case 'UNSUPPORTED':
        this.executionLog(`(${context.requestId}) ${integration.description} is not emulated`);
        throw new GatewayError('API_CONFIGURATION_ERROR', 'Internal server error');
    }
  }

  private write(
    response: ServerResponse,
    context: InvocationContext,
    result: HttpResult,
    started: number,
    stage: StageModel | undefined,
    requestHeaders: IncomingHttpHeaders,
  ): void {
    const headers: Array<readonly [string, string]> = [
      ...result.headers,
      ['x-amzn-RequestId', context.requestId],
      ['x-amz-apigw-id', context.extendedRequestId],
    ];
    // Node takes repeated headers as an array of values under one name.
    const grouped = new Map<string, { name: string; values: string[] }>();
    for (const [name, value] of headers) {
      const entry = grouped.get(name.toLowerCase()) ?? { name, values: [] };
      entry.values.push(value);
      grouped.set(name.toLowerCase(), entry);
    }
    for (const { name, values } of grouped.values()) {
      response.setHeader(name, values.length === 1 ? (values[0] as string) : values);
    }
    response.setHeader('Content-Length', result.body.length);
    response.writeHead(result.statusCode);
    response.end(result.body);

    context.status = result.statusCode;
    context.responseLength = result.body.length;
    context.responseLatency = this.now() - started;
    if (!this.options.onAccessLog) return;
    const correlationId = requestCorrelationId(headers, Object.entries(requestHeaders));
    this.options.onAccessLog(formatAccessLog(stage?.accessLogFormat, context), context.cacheOutcome, {
      method: context.httpMethod,
      path: context.path,
      status: result.statusCode,
      latencyMs: context.responseLatency,
      ...(correlationId ? { correlationId } : {}),
    });
  }
}
