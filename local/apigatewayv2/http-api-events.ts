import { randomUUID } from 'node:crypto';
import { clfTime } from '../apigateway/invocation-context';

/** One request to an HTTP API as the listener read it. */
export interface HttpApiRequest {
  readonly method: string;
  /** The path after the stage (`/items/7`), still percent-encoded, as `rawPath` shows it. */
  readonly rawPath: string;
  readonly rawQueryString: string;
  /** Header names lower-cased, in arrival order, repeated names kept. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: Buffer;
  readonly sourceIp: string;
  readonly receivedAt: Date;
}

/** What the event's `requestContext` says about the API, the stage and the authorizer's decision. */
export interface EventContext {
  readonly apiId: string;
  readonly accountId: string;
  readonly stage: string;
  readonly routeKey: string;
  readonly domainName: string;
  readonly pathParameters: Readonly<Record<string, string>>;
  readonly stageVariables: Readonly<Record<string, string>>;
  readonly authorizer?:
    | { readonly jwt: { claims: Record<string, string>; scopes: string[] | null } }
    | { readonly lambda: Record<string, unknown> }
    | { readonly iam: IamIdentity };
  readonly requestId: string;
}

/** The signer of a request to an `AWS_IAM` route, as payload 2.0 names it (`requestContext.authorizer.iam`). */
export interface IamIdentity {
  readonly accessKey: string;
  readonly accountId: string;
  readonly callerId: string;
  readonly userArn?: string;
  readonly userId: string;
  readonly principalOrgId: null;
  readonly cognitoIdentity: null;
}

export const newRequestId = (): string => randomUUID();

/** Text bodies go as text, anything else base64 (HTTP APIs decide by content type, as here). */
function bodyOf(request: HttpApiRequest): { body?: string; isBase64Encoded: boolean } {
  if (request.body.length === 0) return { isBase64Encoded: false };
  const type = (request.headers.find(([name]) => name === 'content-type')?.[1] ?? '').toLowerCase();
  const text = type === '' || /^text\/|json|xml|javascript|x-www-form-urlencoded/.test(type);
  return text
    ? { body: request.body.toString('utf8'), isBase64Encoded: false }
    : { body: request.body.toString('base64'), isBase64Encoded: true };
}

/** Repeated headers and query parameters become one comma-joined value, as payload 2.0 has them. */
function joined(pairs: ReadonlyArray<readonly [string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of pairs) out[name] = name in out ? `${out[name]},${value}` : value;
  return out;
}

function queryPairs(raw: string): Array<[string, string]> {
  return [...new URLSearchParams(raw)];
}

/** The Lambda event of payload format 2.0, field for field as HTTP APIs send it. */
export function eventV2(request: HttpApiRequest, context: EventContext): Record<string, unknown> {
  const cookies = request.headers
    .filter(([name]) => name === 'cookie')
    .flatMap(([, value]) => value.split(';').map((cookie) => cookie.trim()))
    .filter((cookie) => cookie !== '');
  const headers = joined(request.headers.filter(([name]) => name !== 'cookie'));
  const query = queryPairs(request.rawQueryString);
  return {
    version: '2.0',
    routeKey: context.routeKey,
    rawPath: request.rawPath,
    rawQueryString: request.rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(query.length > 0 ? { queryStringParameters: joined(query) } : {}),
    requestContext: {
      accountId: context.accountId,
      apiId: context.apiId,
      ...(context.authorizer ? { authorizer: context.authorizer } : {}),
      domainName: context.domainName,
      domainPrefix: context.domainName.split('.')[0] ?? context.apiId,
      http: {
        method: request.method,
        path: request.rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: context.requestId,
      routeKey: context.routeKey,
      stage: context.stage,
      time: clfTime(request.receivedAt.getTime()),
      timeEpoch: request.receivedAt.getTime(),
    },
    ...bodyOf(request),
    ...(Object.keys(context.pathParameters).length > 0
      ? { pathParameters: { ...context.pathParameters } }
      : {}),
    ...(Object.keys(context.stageVariables).length > 0
      ? { stageVariables: { ...context.stageVariables } }
      : {}),
  };
}

/** The Lambda event of payload format 1.0 (REST's proxy shape, with `version` and HTTP API's context). */
export function eventV1(request: HttpApiRequest, context: EventContext): Record<string, unknown> {
  const multi = (pairs: ReadonlyArray<readonly [string, string]>) => {
    const out: Record<string, string[]> = {};
    for (const [name, value] of pairs) {
      const list = out[name] ?? [];
      list.push(value);
      out[name] = list;
    }
    return out;
  };
  const query = queryPairs(request.rawQueryString);
  const lastOf = (values: Record<string, string[]>) =>
    Object.fromEntries(Object.entries(values).map(([name, list]) => [name, list[list.length - 1] ?? '']));
  const headerLists = multi(request.headers);
  const queryLists = multi(query);
  const path = decodeURIComponent(request.rawPath);
  const { body, isBase64Encoded } = bodyOf(request);
  return {
    version: '1.0',
    resource: context.routeKey.split(' ')[1] ?? context.routeKey,
    path,
    httpMethod: request.method,
    headers: lastOf(headerLists),
    multiValueHeaders: headerLists,
    queryStringParameters: query.length > 0 ? lastOf(queryLists) : null,
    multiValueQueryStringParameters: query.length > 0 ? queryLists : null,
    requestContext: {
      accountId: context.accountId,
      apiId: context.apiId,
      ...authorizerV1(context.authorizer),
      domainName: context.domainName,
      domainPrefix: context.domainName.split('.')[0] ?? context.apiId,
      extendedRequestId: context.requestId,
      httpMethod: request.method,
      identity: {
        sourceIp: request.sourceIp,
        userAgent: headerLists['user-agent']?.[0] ?? '',
        // REST's shape for the signer of an IAM-authorized request.
        ...(context.authorizer && 'iam' in context.authorizer
          ? {
              accessKey: context.authorizer.iam.accessKey,
              accountId: context.authorizer.iam.accountId,
              caller: context.authorizer.iam.callerId,
              user: context.authorizer.iam.userId,
              userArn: context.authorizer.iam.userArn ?? null,
            }
          : {}),
      },
      path,
      protocol: 'HTTP/1.1',
      requestId: context.requestId,
      requestTime: clfTime(request.receivedAt.getTime()),
      requestTimeEpoch: request.receivedAt.getTime(),
      resourceId: context.routeKey,
      resourcePath: context.routeKey.split(' ')[1] ?? context.routeKey,
      stage: context.stage,
    },
    pathParameters: Object.keys(context.pathParameters).length > 0 ? { ...context.pathParameters } : null,
    stageVariables: Object.keys(context.stageVariables).length > 0 ? { ...context.stageVariables } : null,
    body: body ?? null,
    isBase64Encoded,
  };
}

/** Payload 1.0's `requestContext.authorizer`: a JWT's claims and scopes, or a Lambda authorizer's context. */
function authorizerV1(authorizer: EventContext['authorizer']): { authorizer?: Record<string, unknown> } {
  if (!authorizer || 'iam' in authorizer) return {};
  if ('jwt' in authorizer)
    return { authorizer: { claims: authorizer.jwt.claims, scopes: authorizer.jwt.scopes } };
  return { authorizer: authorizer.lambda };
}

/** An HTTP response as the listener writes it. */
export interface HttpResponse {
  readonly statusCode: number;
  readonly headers: Array<[string, string]>;
  readonly body: Buffer;
}

export const jsonMessage = (statusCode: number, message: string): HttpResponse => ({
  statusCode,
  headers: [['content-type', 'application/json']],
  body: Buffer.from(JSON.stringify({ message })),
});

/**
 * The function's answer as the client gets it. Payload 2.0 infers a response from anything that is not
 * one (a bare value becomes a `200` JSON body); 1.0 wants `{ statusCode, ... }` and anything else is a
 * 500. `cookies` become `set-cookie` headers; `isBase64Encoded` bodies are decoded; a body without a
 * content type is `text/plain`.
 */
export function responseOf(payload: unknown, format: '1.0' | '2.0'): HttpResponse {
  const isResponse =
    payload !== null && typeof payload === 'object' && !Array.isArray(payload) && 'statusCode' in payload;
  if (!isResponse) {
    if (format === '1.0') return jsonMessage(500, 'Internal Server Error');
    const body = typeof payload === 'string' ? payload : JSON.stringify(payload ?? null);
    return { statusCode: 200, headers: [['content-type', 'application/json']], body: Buffer.from(body) };
  }
  const result = payload as {
    statusCode: unknown;
    headers?: Record<string, unknown>;
    multiValueHeaders?: Record<string, unknown[]>;
    cookies?: unknown[];
    body?: unknown;
    isBase64Encoded?: unknown;
  };
  const statusCode = Number(result.statusCode);
  if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599)
    return jsonMessage(500, 'Internal Server Error');
  const headers: Array<[string, string]> = Object.entries(result.headers ?? {}).map(([n, v]) => [
    n,
    String(v),
  ]);
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {}))
    for (const value of values ?? []) headers.push([name, String(value)]);
  if (format === '2.0')
    for (const cookie of result.cookies ?? []) headers.push(['set-cookie', String(cookie)]);
  const text = result.body === undefined || result.body === null ? '' : String(result.body);
  const body = result.isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text);
  // An answer that names no content type goes out as text, whichever payload format: what clients of
  // HTTP APIs report seeing (AWS documents no default); only an inferred 2.0 answer is JSON.
  if (!headers.some(([name]) => name.toLowerCase() === 'content-type') && body.length > 0)
    headers.push(['content-type', 'text/plain; charset=utf-8']);
  return { statusCode, headers, body };
}
