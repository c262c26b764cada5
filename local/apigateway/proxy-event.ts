import type { IncomingApiRequest } from './incoming-request';
import type { InvocationContext } from './invocation-context';

/** The identity block of a REST API proxy event; the fields API Gateway fills with null when unknown. */
export interface ProxyEventIdentity {
  /** The signer's access key and account, for IAM-authorized methods. */
  readonly accessKey: string | null;
  readonly accountId: string | null;
  readonly caller: null;
  readonly cognitoAuthenticationProvider: null;
  readonly cognitoAuthenticationType: null;
  readonly cognitoIdentityId: null;
  readonly cognitoIdentityPoolId: null;
  readonly principalOrgId: null;
  readonly sourceIp: string;
  readonly user: null;
  readonly userAgent: string | null;
  readonly userArn: string | null;
  readonly apiKey?: string;
  readonly apiKeyId?: string;
}

export interface ProxyRequestContext {
  readonly accountId: string;
  readonly apiId: string;
  /** A Lambda authorizer's context with its principal, or a user pool authorizer's `{ claims }`. */
  readonly authorizer?:
    | Readonly<Record<string, string | number>>
    | { readonly claims: Readonly<Record<string, string>> };
  readonly deploymentId: string;
  readonly domainName: string;
  readonly domainPrefix: string;
  readonly extendedRequestId: string;
  readonly httpMethod: string;
  readonly identity: ProxyEventIdentity;
  readonly operationName?: string;
  readonly path: string;
  readonly protocol: string;
  readonly requestId: string;
  readonly requestTime: string;
  readonly requestTimeEpoch: number;
  readonly resourceId: string;
  readonly resourcePath: string;
  readonly stage: string;
}

/** The REST API (payload format 1.0) Lambda proxy event. */
export interface ProxyEvent {
  readonly resource: string;
  readonly path: string;
  readonly httpMethod: string;
  readonly headers: Record<string, string> | null;
  readonly multiValueHeaders: Record<string, string[]> | null;
  readonly queryStringParameters: Record<string, string> | null;
  readonly multiValueQueryStringParameters: Record<string, string[]> | null;
  readonly pathParameters: Record<string, string> | null;
  readonly stageVariables: Record<string, string> | null;
  readonly requestContext: ProxyRequestContext;
  readonly body: string | null;
  readonly isBase64Encoded: boolean;
}

/** Connection-level headers API Gateway does not pass on to the function. */
const DROPPED_HEADERS = new Set(['content-length', 'connection', 'transfer-encoding', 'keep-alive']);

const TEXT_MEDIA_TYPE =
  /^(text\/.*|application\/(json|.*\+json|xml|.*\+xml|javascript|x-www-form-urlencoded|graphql|yaml|x-yaml))$/;

/** `image/*` style patterns of the API's BinaryMediaTypes. */
function matchesMediaType(mediaType: string, pattern: string): boolean {
  const [type, subtype] = pattern.toLowerCase().split('/');
  const [actualType, actualSubtype] = mediaType.split('/');
  return (type === '*' || type === actualType) && (subtype === '*' || subtype === actualSubtype);
}

/**
 * Whether the body goes to the function base64-encoded. API Gateway does so when the content type is one
 * of the API's BinaryMediaTypes. The emulator also does so for a body that is not text (by media type, or
 * because it is not valid UTF-8), which API Gateway would pass on as a mangled string.
 */
export function isBinaryBody(
  body: Buffer,
  mediaType: string | undefined,
  binaryMediaTypes: readonly string[],
): boolean {
  if (mediaType && binaryMediaTypes.some((pattern) => matchesMediaType(mediaType, pattern))) return true;
  if (mediaType && !TEXT_MEDIA_TYPE.test(mediaType)) return true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
    return false;
  } catch {
    return true;
  }
}

/** Single-value (last wins) and multi-value maps, or null when empty, as in the proxy event. */
function maps(entries: ReadonlyArray<readonly [string, string]>): {
  single: Record<string, string> | null;
  multi: Record<string, string[]> | null;
} {
  if (entries.length === 0) return { single: null, multi: null };
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [key, value] of entries) {
    single[key] = value;
    const values = multi[key] ?? [];
    values.push(value);
    multi[key] = values;
  }
  return { single, multi };
}

/**
 * Headers as the function receives them: as sent (name case kept; a name repeated in another case joins
 * the first spelling), connection headers dropped, and the `X-Forwarded-*` and `X-Amzn-Trace-Id` headers
 * API Gateway adds.
 */
export function forwardedHeaders(
  request: IncomingApiRequest,
  context: InvocationContext,
): Array<readonly [string, string]> {
  const spelling = new Map<string, string>();
  const out: Array<readonly [string, string]> = [];
  for (const [name, value] of request.headerList) {
    const lower = name.toLowerCase();
    if (DROPPED_HEADERS.has(lower) || lower.startsWith('x-forwarded-') || lower === 'x-amzn-trace-id')
      continue;
    if (!spelling.has(lower)) spelling.set(lower, name);
    out.push([spelling.get(lower) as string, value]);
  }
  const forwardedFor = request.header('x-forwarded-for');
  out.push(['X-Amzn-Trace-Id', context.traceHeader]);
  out.push(['X-Forwarded-For', forwardedFor ? `${forwardedFor}, ${request.sourceIp}` : request.sourceIp]);
  out.push(['X-Forwarded-Port', request.header('host')?.match(/:(\d+)$/)?.[1] ?? '80']);
  out.push(['X-Forwarded-Proto', 'http']);
  return out;
}

export interface ProxyEventInput {
  readonly request: IncomingApiRequest;
  readonly context: InvocationContext;
  /** The matched resource's path template (`/orders/{orderId}`). */
  readonly resourcePath: string;
  readonly resourceId: string;
  readonly pathParameters: Readonly<Record<string, string>>;
  readonly binaryMediaTypes: readonly string[];
}

/** The `requestContext` shared by proxy events and REQUEST authorizer events. */
export function proxyRequestContext(input: ProxyEventInput): ProxyRequestContext {
  const { context } = input;
  const identity: ProxyEventIdentity = {
    accessKey: context.iamCaller?.accessKey ?? null,
    accountId: context.iamCaller ? context.accountId : null,
    caller: null,
    cognitoAuthenticationProvider: null,
    cognitoAuthenticationType: null,
    cognitoIdentityId: null,
    cognitoIdentityPoolId: null,
    principalOrgId: null,
    sourceIp: context.sourceIp,
    user: null,
    userAgent: context.userAgent ?? null,
    userArn: context.iamCaller?.arn ?? null,
    ...(context.apiKey === undefined ? {} : { apiKey: context.apiKey }),
    ...(context.apiKeyId === undefined ? {} : { apiKeyId: context.apiKeyId }),
  };
  const lambdaAuthorizer = context.lambdaAuthorizer;
  let authorizer: ProxyRequestContext['authorizer'];
  if (lambdaAuthorizer) {
    authorizer = {
      ...lambdaAuthorizer.context,
      principalId: lambdaAuthorizer.principalId,
      integrationLatency: lambdaAuthorizer.integrationLatency,
    };
  } else if (context.authorizer && 'claims' in context.authorizer) {
    authorizer = { claims: { ...context.authorizer.claims } };
  }
  return {
    resourceId: input.resourceId,
    resourcePath: input.resourcePath,
    ...(context.operationName ? { operationName: context.operationName } : {}),
    httpMethod: context.httpMethod,
    extendedRequestId: context.extendedRequestId,
    requestTime: context.requestTime,
    path: context.path,
    accountId: context.accountId,
    protocol: context.protocol,
    stage: context.stage,
    domainPrefix: context.domainPrefix,
    requestTimeEpoch: context.requestTimeEpoch,
    requestId: context.requestId,
    identity,
    domainName: context.domainName,
    deploymentId: context.deploymentId,
    apiId: context.apiId,
    ...(authorizer ? { authorizer } : {}),
  };
}

/** The Lambda proxy event for one request, shaped like API Gateway's (REST API, payload format 1.0). */
export function buildProxyEvent(input: ProxyEventInput): ProxyEvent {
  const { request, context } = input;
  const headers = maps(forwardedHeaders(request, context));
  const query = maps(request.queryList);
  const binary =
    request.body.length > 0 && isBinaryBody(request.body, request.mediaType, input.binaryMediaTypes);
  const hasPathParameters = Object.keys(input.pathParameters).length > 0;
  const hasStageVariables = Object.keys(context.stageVariables).length > 0;
  return {
    resource: input.resourcePath,
    path: request.pathWithoutStage,
    httpMethod: context.httpMethod,
    headers: headers.single,
    multiValueHeaders: headers.multi,
    queryStringParameters: query.single,
    multiValueQueryStringParameters: query.multi,
    pathParameters: hasPathParameters ? { ...input.pathParameters } : null,
    stageVariables: hasStageVariables ? { ...context.stageVariables } : null,
    requestContext: proxyRequestContext(input),
    body: request.body.length === 0 ? null : request.body.toString(binary ? 'base64' : 'utf8'),
    isBase64Encoded: binary,
  };
}
