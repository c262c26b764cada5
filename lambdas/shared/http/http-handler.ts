import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { CORRELATION_HEADER, correlationIdFrom } from '../correlation';
import { logger } from '../logger';
import { allowedOriginsFrom, CORS_ALLOWED_ORIGINS_ENV, corsHeaders } from './cors';
import { isServerError, PROBLEM_CONTENT_TYPE, problemFor } from './problem';
import { SECURITY_HEADERS } from './response-headers';

/** The parts of an API Gateway proxy event a route needs, with headers looked up case-insensitively. */
export interface HttpRequest {
  readonly correlationId: string;
  readonly method: string;
  /** The route template (`/charges/{chargeId}`), as API Gateway matched it. */
  readonly resource: string;
  readonly path: string;
  header(name: string): string | undefined;
  pathParameter(name: string): string | undefined;
  queryParameter(name: string): string | undefined;
  /**
   * A claim of the caller's token, as the gateway's Cognito authorizer verified it and passed it on
   * (`requestContext.authorizer.claims`); undefined without an authorizer or without that claim.
   */
  claim(name: string): string | undefined;
  readonly body: string | null;
  readonly isBase64Encoded: boolean;
}

export interface HttpResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** `application/json` unless said: a relayed problem is `application/problem+json`. */
  readonly contentType?: string;
}

export type Route = (request: HttpRequest, context: Context) => Promise<HttpResponse>;
export type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/**
 * Adapts a route to a Lambda proxy handler: correlation id in (header or new) and out (response header,
 * every log line), JSON responses with the shop's security headers and the stage's CORS headers, and
 * every thrown error turned into problem+json by `problemFor`.
 */
export function httpHandler(route: Route): ProxyHandler {
  return async (event, context) => {
    const request = toRequest(event);
    const { correlationId } = request;
    // Read per request, not captured at import: the stage's policy is configuration, not code.
    const cors = corsHeaders(
      request.header('Origin'),
      allowedOriginsFrom(process.env[CORS_ALLOWED_ORIGINS_ENV]),
    );
    logger.addContext(context);
    // apiRequestId joins these lines to the gateway's access log line for the same request.
    logger.appendKeys({ correlationId, apiRequestId: event.requestContext?.requestId });
    try {
      const response = await route(request, context);
      logger.info('request handled', { method: event.httpMethod, path: event.path, status: response.status });
      return toResult(
        correlationId,
        response.status,
        response.contentType ?? 'application/json',
        response.body,
        {
          ...cors,
          ...response.headers,
        },
      );
    } catch (error) {
      const { problem, headers } = problemFor(error, event.path, correlationId);
      if (isServerError(problem)) logger.error('request failed', { error: error as Error });
      else logger.info('request refused', { status: problem.status, type: problem.type });
      return toResult(correlationId, problem.status, PROBLEM_CONTENT_TYPE, problem, { ...cors, ...headers });
    } finally {
      logger.resetKeys();
    }
  };
}

function toRequest(event: APIGatewayProxyEvent): HttpRequest {
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value !== undefined) headers.set(name.toLowerCase(), value);
  }
  return {
    correlationId: correlationIdFrom(headers.get(CORRELATION_HEADER.toLowerCase())),
    method: event.httpMethod,
    resource: event.resource,
    path: event.path,
    header: (name) => headers.get(name.toLowerCase()),
    pathParameter: (name) => event.pathParameters?.[name] ?? undefined,
    queryParameter: (name) => event.queryStringParameters?.[name] ?? undefined,
    claim: (name) => {
      const value = (event.requestContext?.authorizer?.claims as Record<string, unknown> | undefined)?.[name];
      return typeof value === 'string' ? value : undefined;
    },
    body: event.body,
    isBase64Encoded: event.isBase64Encoded,
  };
}

function toResult(
  correlationId: string,
  statusCode: number,
  contentType: string,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): APIGatewayProxyResult {
  return {
    statusCode,
    headers: {
      // No body (a 304, a 204): nothing for a Content-Type to describe.
      ...(body === undefined ? {} : { 'Content-Type': contentType }),
      ...SECURITY_HEADERS,
      ...headers,
      [CORRELATION_HEADER]: correlationId,
    },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}
