import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LambdaService } from '../lambda/types';
import { readBody as readRawBody } from '../shared/http-listener';
import { parseSigV4Authorization } from '../shared/sigv4-authorization';
import { type AwsJsonService, AwsServiceError } from './aws-json-service';
import { type CrashableFunctions, handleCrashRoute, isCrashRoute } from './crash-route';
import {
  askForCapacity,
  bodyCrc32,
  describeCapacity,
  meteredKind,
  type TableCapacity,
  takeCapacity,
} from './dynamodb-capacity';
import type { EndpointRoute } from './endpoint-route';
import { handleLambdaInvoke, isLambdaInvoke } from './lambda-invoke-route';
import {
  isQueryRequest,
  parseQuery,
  type QueryProtocolService,
  queryError,
  queryResponse,
} from './query-protocol';

/**
 * The single local AWS endpoint (what LocalStack calls its edge port): the AWS SDK or CLI pointed at it
 * with `AWS_ENDPOINT_URL` reaches every local service. AWS JSON protocol requests are routed by their
 * `X-Amz-Target` prefix to the service mounted for it; DynamoDB and DynamoDB Streams requests are
 * forwarded byte for byte to DynamoDB Local, which speaks those protocols itself; Lambda's Invoke API
 * (a REST path) reaches the local functions.
 */
export interface EndpointServerOptions {
  readonly services: readonly AwsJsonService[];
  /** DynamoDB Local's base URL, for `DynamoDB_20120810.*` and `DynamoDBStreams_20120810.*`. */
  readonly dynamoDbEndpoint?: string;
  /** The local functions, for Lambda's Invoke API (and the crash hook, when they have it). */
  readonly lambda?: LocalFunctions;
  /** One line per call it answers, and the call for the console (see EndpointCall). */
  readonly onTrace?: EndpointTrace;
}

/**
 * What a trace line of the endpoint is about: the operation (`AWSEvents.PutEvents`, `lambda:Invoke`,
 * `query 2010-03-31 Publish`, `GET /path`) and, for a JSON service's call, its body, which the console
 * looks into for a correlation id (an event's detail, a message body, an execution's input) and drops.
 */
export interface EndpointCall {
  readonly operation: string;
  readonly body?: string;
}

export type EndpointTrace = (line: string, call: EndpointCall) => void;

const FORWARDED_TO_DYNAMODB = ['DynamoDB_20120810', 'DynamoDBStreams_20120810'];

type LocalFunctions = LambdaService & { has?(nameOrArn: string): boolean } & Partial<CrashableFunctions>;

/**
 * The one local AWS endpoint: `listen(port)` answers with its URL, for `AWS_ENDPOINT_URL` or an SDK
 * client's `endpoint`.
 */
export class EndpointServer {
  private readonly server: Server;
  private readonly services = new Map<string, AwsJsonService>();
  private readonly routes: EndpointRoute[] = [];
  private readonly queryServices = new Map<string, QueryProtocolService>();
  private address?: AddressInfo;
  private lambda?: LocalFunctions;

  constructor(private readonly options: EndpointServerOptions) {
    for (const service of options.services) this.mount(service);
    if (options.lambda) this.serveLambda(options.lambda);
    this.server = createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => {
        if (!res.headersSent)
          sendError(res, '1.0', new AwsServiceError('InternalFailure', String(error), 500));
      });
    });
  }

  /**
   * Adds a service after start: the services need the endpoint's URL (queue URLs are built on it), so
   * the endpoint listens first and the services are mounted once they exist.
   */
  mount(service: AwsJsonService): void {
    if (this.services.has(service.targetPrefix)) throw new Error(`${service.targetPrefix} is mounted twice`);
    this.services.set(service.targetPrefix, service);
  }

  /** Adds a service of the query protocol (SNS), told apart from others by the `Version` it is sent. */
  mountQuery(service: QueryProtocolService): void {
    if (this.queryServices.has(service.version))
      throw new Error(`Version ${service.version} is mounted twice`);
    this.queryServices.set(service.version, service);
  }

  /** Serves Lambda's Invoke API from these functions (mounted late for the same reason as services). */
  serveLambda(lambda: LocalFunctions): void {
    this.lambda = lambda;
  }

  /** Adds plain HTTP routes (a user pool's token endpoint), asked before the AWS JSON dispatch. */
  addRoute(route: EndpointRoute): void {
    this.routes.push(route);
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    this.address = this.server.address() as AddressInfo;
    return this.url;
  }

  get url(): string {
    if (!this.address) throw new Error('The local endpoint is not listening');
    return `http://${this.address.address}:${this.address.port}`;
  }

  async close(): Promise<void> {
    if (!this.server.listening) return;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private answerQuery(body: string, res: ServerResponse): Promise<void> {
    return answerQueryWith(this.queryServices, body, res, this.options.onTrace);
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'GET' && req.url === '/_local/health') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          services: [
            ...this.services.keys(),
            ...[...this.queryServices.keys()].map((version) => `query:${version}`),
            ...(this.options.dynamoDbEndpoint ? FORWARDED_TO_DYNAMODB : []),
          ],
        }),
      );
      return;
    }
    const crashable = this.lambda;
    if (crashable?.injectCrashes && crashable.clearCrashes && isCrashRoute(req)) {
      this.options.onTrace?.(`endpoint ${req.method} ${req.url}`, { operation: `${req.method} ${req.url}` });
      handleCrashRoute(crashable as CrashableFunctions, req, await readBody(req), res);
      return;
    }
    if (this.lambda && isLambdaInvoke(req)) {
      this.options.onTrace?.(`endpoint lambda:Invoke ${req.url}`, { operation: 'lambda:Invoke' });
      await handleLambdaInvoke(this.lambda, req, await readBody(req), res);
      return;
    }
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const plain = this.routes.find((candidate) => candidate.matches(method, path));
    if (plain) {
      if (!plain.untraced)
        this.options.onTrace?.(`endpoint ${method} ${path}`, { operation: `${method} ${path}` });
      const raw = await readRawBody(req);
      await plain.handle(req, raw.toString('utf8'), res, raw);
      return;
    }
    if (isQueryRequest(req) && !req.headers['x-amz-target']) {
      await this.answerQuery(await readBody(req), res);
      return;
    }
    // A GET with the action in its URL: SNS's UnsubscribeURL, which a subscriber may follow.
    const search = (req.url ?? '').split('?')[1] ?? '';
    if (method === 'GET' && path === '/' && new URLSearchParams(search).has('Action')) {
      await this.answerQuery(search, res);
      return;
    }
    const target = String(req.headers['x-amz-target'] ?? '');
    const [prefix = '', operation = ''] = target.split('.');
    if (FORWARDED_TO_DYNAMODB.includes(prefix) && this.options.dynamoDbEndpoint) {
      const onTrace = this.options.onTrace;
      const kind = prefix === 'DynamoDB_20120810' ? meteredKind(operation) : undefined;
      if (onTrace && kind) {
        const metered = await forwardMetered(req, res, this.options.dynamoDbEndpoint);
        const outcome =
          'failed' in metered ? `failed: ${metered.failed}` : describeCapacity(metered.capacity, kind);
        onTrace(`endpoint ${target} -> DynamoDB Local: ${outcome}`, { operation: target });
        return;
      }
      onTrace?.(`endpoint ${target} -> DynamoDB Local`, { operation: target });
      await forward(req, res, this.options.dynamoDbEndpoint);
      return;
    }
    const service = this.services.get(prefix);
    if (!service || req.method !== 'POST') {
      sendError(
        res,
        '1.0',
        new AwsServiceError('UnknownOperationException', `No local service answers ${target || req.url}`),
      );
      return;
    }
    // Read before the line, so that the console may find the call's correlation id in it.
    const text = await readBody(req).catch(() => undefined);
    this.options.onTrace?.(`endpoint ${target}`, {
      operation: target,
      ...(text === undefined ? {} : { body: text }),
    });
    const unsigned = service.requiresSignature?.(operation) ? signatureProblem(req) : undefined;
    if (unsigned) {
      sendError(res, service.jsonVersion, unsigned);
      return;
    }
    let input: Record<string, unknown>;
    try {
      if (text === undefined) throw new Error('the request body could not be read');
      input = text.trim() === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
    } catch {
      sendError(
        res,
        service.jsonVersion,
        new AwsServiceError('SerializationException', 'The request body is not valid JSON'),
      );
      return;
    }
    try {
      const output = await service.handle(operation, input);
      res.writeHead(200, { 'Content-Type': `application/x-amz-json-${service.jsonVersion}` });
      res.end(JSON.stringify(output ?? {}));
    } catch (error) {
      sendError(
        res,
        service.jsonVersion,
        error instanceof AwsServiceError ? error : new AwsServiceError('InternalFailure', String(error), 500),
      );
    }
  }
}

/** Why a call that must be signed is not (AWS's exception for it), or undefined when it is. */
function signatureProblem(req: IncomingMessage): AwsServiceError | undefined {
  const authorization = req.headers.authorization;
  if (authorization === undefined) {
    return new AwsServiceError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  }
  return parseSigV4Authorization(authorization)
    ? undefined
    : new AwsServiceError(
        'IncompleteSignatureException',
        'The Authorization header is not an AWS4-HMAC-SHA256 signature (Credential, SignedHeaders, Signature).',
      );
}

/** One query-protocol request: the service its `Version` names runs its `Action`; errors as XML. */
async function answerQueryWith(
  services: ReadonlyMap<string, QueryProtocolService>,
  body: string,
  res: ServerResponse,
  onTrace?: EndpointTrace,
): Promise<void> {
  const params = parseQuery(body);
  const action = params.get('Action') ?? '';
  // Only a followed link comes without a version: with one query service (SNS) it is that one's.
  const version = params.get('Version');
  const service =
    version === undefined && services.size === 1 ? [...services.values()][0] : services.get(version ?? '');
  const namespace = service?.namespace ?? 'https://local-cloud/';
  const reply = (status: number, xml: string) => {
    res.writeHead(status, { 'Content-Type': 'text/xml' });
    res.end(xml);
  };
  if (!service) {
    reply(
      400,
      queryError(
        namespace,
        'InvalidAction',
        `No local service answers ${action} of version ${params.get('Version')}`,
        true,
      ),
    );
    return;
  }
  onTrace?.(`endpoint query ${params.get('Version')} ${action}`, {
    operation: `query ${params.get('Version')} ${action}`,
  });
  try {
    reply(200, queryResponse(namespace, action, await service.handle(action, params)));
  } catch (error) {
    const failure =
      error instanceof AwsServiceError ? error : new AwsServiceError('InternalFailure', String(error), 500);
    reply(failure.statusCode, queryError(namespace, failure.code, failure.message, failure.statusCode < 500));
  }
}

function sendError(res: ServerResponse, jsonVersion: string, error: AwsServiceError): void {
  // Protocols migrated from the query protocol (SQS) carry the legacy error code in this header.
  const queryError = (error as { queryErrorHeader?: string }).queryErrorHeader;
  res.writeHead(error.statusCode, {
    'Content-Type': `application/x-amz-json-${jsonVersion}`,
    ...(queryError ? { 'x-amzn-query-error': queryError } : {}),
  });
  res.end(JSON.stringify({ __type: error.code, message: error.message }));
}

async function readBody(req: IncomingMessage): Promise<string> {
  return (await readRawBody(req)).toString('utf8');
}

/**
 * A metered DynamoDB call forwarded with `ReturnConsumedCapacity` (dynamodb-capacity.ts): the units it
 * consumed, per table, or the error it failed with; the caller gets the answer it would have had without
 * the question. A body that is not JSON goes on unchanged, for DynamoDB Local to refuse.
 */
async function forwardMetered(
  req: IncomingMessage,
  res: ServerResponse,
  base: string,
): Promise<{ readonly capacity: readonly TableCapacity[] } | { readonly failed: string }> {
  const body = await readBody(req);
  let asked: ReturnType<typeof askForCapacity>;
  try {
    asked = askForCapacity(body);
  } catch {
    asked = { body, callerAsked: true };
  }
  const { status, headers, answer } = await exchange(req, base, asked.body);
  let taken: ReturnType<typeof takeCapacity> = { capacity: [], answer };
  if (status === 200) taken = takeCapacity(answer, asked.callerAsked);
  const sent = Buffer.from(taken.answer, 'utf8');
  // The answer is sent whole, with its new length (DynamoDB Local may have streamed it in chunks).
  const { 'transfer-encoding': _streamed, ...kept } = headers;
  res.writeHead(status, {
    ...kept,
    'content-length': String(sent.length),
    ...(headers['x-amz-crc32'] === undefined ? {} : { 'x-amz-crc32': bodyCrc32(sent) }),
  });
  res.end(sent);
  return status === 200 ? { capacity: taken.capacity } : { failed: errorType(answer, status) };
}

/** An AWS JSON error's short type (`ConditionalCheckFailedException`), or the status when it has none. */
function errorType(answer: string, status: number): string {
  try {
    const type = String((JSON.parse(answer) as { __type?: unknown }).__type ?? '');
    return type === '' ? `HTTP ${status}` : (type.split('#').pop() as string);
  } catch {
    return `HTTP ${status}`;
  }
}

/** One buffered request to `base` with the caller's method, path and headers, and `body` instead. */
function exchange(
  req: IncomingMessage,
  base: string,
  body: string,
): Promise<{ status: number; headers: IncomingMessage['headers']; answer: string }> {
  return new Promise((resolve, reject) => {
    const sent = Buffer.from(body, 'utf8');
    const upstream = httpRequest(
      new URL(req.url ?? '/', base),
      {
        method: req.method,
        headers: { ...req.headers, host: new URL(base).host, 'content-length': String(sent.length) },
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () =>
          resolve({
            status: answer.statusCode ?? 502,
            headers: answer.headers,
            answer: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        answer.on('error', reject);
      },
    );
    upstream.on('error', reject);
    upstream.end(sent);
  });
}

function forward(req: IncomingMessage, res: ServerResponse, base: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const upstream = httpRequest(
      new URL(req.url ?? '/', base),
      { method: req.method, headers: { ...req.headers, host: new URL(base).host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('end', () => resolve());
        answer.on('error', reject);
      },
    );
    upstream.on('error', reject);
    req.pipe(upstream);
  });
}
