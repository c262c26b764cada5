import type { GatewayError } from './gateway-error';
import type { HttpResult } from './http-result';
import type { InvocationContext } from './invocation-context';
import type { GatewayResponseModel, RestApiModel } from './rest-api-model';
import { substituteVariables } from './template-variables';

/** API Gateway's default status per gateway response type (DEFAULT_4XX and DEFAULT_5XX have none). */
export const DEFAULT_STATUS: Readonly<Record<string, number>> = {
  ACCESS_DENIED: 403,
  API_CONFIGURATION_ERROR: 500,
  AUTHORIZER_CONFIGURATION_ERROR: 500,
  AUTHORIZER_FAILURE: 500,
  BAD_REQUEST_PARAMETERS: 400,
  BAD_REQUEST_BODY: 400,
  EXPIRED_TOKEN: 403,
  INTEGRATION_FAILURE: 504,
  INTEGRATION_TIMEOUT: 504,
  INVALID_API_KEY: 403,
  INVALID_SIGNATURE: 403,
  MISSING_AUTHENTICATION_TOKEN: 403,
  QUOTA_EXCEEDED: 429,
  REQUEST_TOO_LARGE: 413,
  RESOURCE_NOT_FOUND: 404,
  THROTTLED: 429,
  UNAUTHORIZED: 401,
  UNSUPPORTED_MEDIA_TYPE: 415,
  WAF_FILTERED: 403,
};

/** The `x-amzn-ErrorType` header API Gateway adds to its own error responses. */
const ERROR_TYPE_HEADER: Readonly<Record<string, string>> = {
  ACCESS_DENIED: 'AccessDeniedException',
  AUTHORIZER_CONFIGURATION_ERROR: 'AuthorizerConfigurationException',
  AUTHORIZER_FAILURE: 'AuthorizerFailureException',
  BAD_REQUEST_PARAMETERS: 'BadRequestException',
  BAD_REQUEST_BODY: 'BadRequestException',
  FORBIDDEN: 'ForbiddenException',
  INVALID_API_KEY: 'ForbiddenException',
  MISSING_AUTHENTICATION_TOKEN: 'MissingAuthenticationTokenException',
  QUOTA_EXCEEDED: 'LimitExceededException',
  REQUEST_TOO_LARGE: 'RequestTooLongException',
  THROTTLED: 'TooManyRequestsException',
  UNAUTHORIZED: 'UnauthorizedException',
  UNSUPPORTED_MEDIA_TYPE: 'UnsupportedMediaTypeException',
};

/**
 * API Gateway's built-in body is `{"message":$context.error.messageString}`. The errors raised around the
 * integration and the authorizer come out with a space after the colon (`{"message": "Internal server
 * error"}`, `{"message": null}`), so those use the spaced form.
 */
const COMPACT_TEMPLATE = '{"message":$context.error.messageString}';
const SPACED_TEMPLATE = '{"message": $context.error.messageString}';
const SPACED_TYPES = new Set([
  'API_CONFIGURATION_ERROR',
  'AUTHORIZER_CONFIGURATION_ERROR',
  'AUTHORIZER_FAILURE',
  'BAD_REQUEST_BODY',
  'BAD_REQUEST_PARAMETERS',
  'DEFAULT_5XX',
  'INTEGRATION_FAILURE',
  'INTEGRATION_TIMEOUT',
]);

export interface RequestValues {
  /** A request header, case-insensitively. */
  header(name: string): string | undefined;
  queryParameter(name: string): string | undefined;
  pathParameter(name: string): string | undefined;
}

/** For responses rendered before (or without) a readable request: header mappings find nothing. */
export const NO_REQUEST_VALUES: RequestValues = {
  header: () => undefined,
  queryParameter: () => undefined,
  pathParameter: () => undefined,
};

function statusOf(error: GatewayError): number {
  return error.options.statusCode ?? DEFAULT_STATUS[error.responseType] ?? 500;
}

/**
 * Which customisation applies: the API's own for this type, else its DEFAULT_4XX / DEFAULT_5XX (by the
 * status family), else none. The status: the customisation's, else the fallback's (changing DEFAULT_4XX's
 * status changes every 4XX response), else the type's default.
 */
function choose(
  api: RestApiModel | undefined,
  error: GatewayError,
): { custom?: GatewayResponseModel; statusCode: number } {
  const ownStatus = statusOf(error);
  const fallbackType = ownStatus >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX';
  const own = api?.gatewayResponses.get(error.responseType);
  const fallback = api?.gatewayResponses.get(fallbackType);
  const custom = own ?? fallback;
  const statusCode = own?.statusCode ?? fallback?.statusCode ?? ownStatus;
  return { ...(custom ? { custom } : {}), statusCode };
}

/** `gatewayresponse.header.X` values: `'static'`, or a request value (absent values drop the header). */
function mappedValue(source: string, request: RequestValues, context: InvocationContext): string | undefined {
  const quoted = /^'(.*)'$/s.exec(source);
  if (quoted) return quoted[1];
  const [, kind, name] =
    /^method\.request\.(header|querystring|path|multivalueheader)\.(.+)$/.exec(source) ?? [];
  if (kind && name) {
    if (kind === 'querystring') return request.queryParameter(name);
    if (kind === 'path') return request.pathParameter(name);
    return request.header(name);
  }
  if (source.startsWith('stageVariables.'))
    return context.stageVariables[source.slice('stageVariables.'.length)];
  if (source.startsWith('context.')) return context.variable(source.slice('context.'.length));
  return undefined;
}

/**
 * The response API Gateway sends for `error`, with the API's gateway response customisations applied
 * (status, header mappings, the `application/json` template with `$context` substitution).
 */
export function renderGatewayResponse(
  api: RestApiModel | undefined,
  error: GatewayError,
  context: InvocationContext,
  request: RequestValues,
): HttpResult {
  context.error = error;
  const { custom, statusCode } = choose(api, error);
  const headers: Array<[string, string]> = [];
  const errorType = ERROR_TYPE_HEADER[error.responseType];
  if (errorType) headers.push(['x-amzn-ErrorType', errorType]);
  let contentType = 'application/json';
  for (const [key, source] of Object.entries(custom?.responseParameters ?? {})) {
    const header = /^gatewayresponse\.header\.(.+)$/.exec(key)?.[1];
    const value = header ? mappedValue(source, request, context) : undefined;
    if (!header || value === undefined) continue;
    if (header.toLowerCase() === 'content-type') contentType = value;
    else headers.push([header, value]);
  }
  headers.unshift(['Content-Type', contentType]);

  const templates = custom?.responseTemplates ?? {};
  const template =
    templates['application/json'] ??
    Object.values(templates)[0] ??
    (SPACED_TYPES.has(error.responseType) ? SPACED_TEMPLATE : COMPACT_TEMPLATE);
  // Gateway response templates are plain substitution: values go in raw, exactly as API Gateway does.
  const body = substituteVariables(template, context, '');
  return { statusCode, headers, body: Buffer.from(body, 'utf8') };
}
