import { ResponseType, type RestApi } from 'aws-cdk-lib/aws-apigateway';
import { corsHeaders } from '../../../lambdas/shared/http/cors';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE } from '../../../lambdas/shared/http/problem';
import { SECURITY_HEADERS } from '../../../lambdas/shared/http/response-headers';
import { staticHeaderMappings } from '../../constructs/rest-api-defaults';

/**
 * Errors API Gateway answers itself (bad body, missing header, throttling, unknown route, ...) in the same
 * RFC 9457 shape the functions use. Gateway response templates are not VTL: `$context` variables are
 * substituted as they are, with no escaping and no `$util` (AWS: "A GatewayResponse mapping template isn't
 * processed by the VTL engine"). So a body takes only values that cannot carry request text: fixed text,
 * the request id (`instance` is `urn:uuid:<request id>`), and `$context.error.messageString`, which API
 * Gateway quotes and escapes itself. Never `$context.path`, `$context.httpMethod` or
 * `$context.error.validationErrorString`: `GET /v1/x","status":200,...` would forge members. The caller's
 * X-Correlation-Id is not echoed: a gateway response can only copy a header, never check it, so it would
 * reflect whatever was sent (`fz<"x">`, found by the fuzz suite); the body's requestId correlates instead.
 *
 * Every 4xx type API Gateway has is listed with its own status, so the DEFAULT_4XX catch-all can carry a
 * fixed 400 and a `status` member (a problem's `status` must equal the HTTP status): it applies only to
 * types AWS adds later and, on the local cloud, to requests too malformed to parse.
 */

interface GatewayProblem {
  readonly type: ResponseType;
  /** The status this response type has by default in API Gateway, kept; undefined for the catch-alls. */
  readonly status?: number;
  readonly slug: string;
  readonly title: string;
  /** The `detail` member: a JSON string literal, or `$context.error.messageString` (already quoted). */
  readonly detail: string;
  /** Headers of this response type besides the common ones. */
  readonly headers?: Readonly<Record<string, string>>;
}

const MESSAGE = '$context.error.messageString';

const GATEWAY_PROBLEMS: readonly GatewayProblem[] = [
  {
    type: ResponseType.BAD_REQUEST_BODY,
    status: 400,
    slug: 'invalid-request',
    title: 'The request is not valid',
    // Not $context.error.validationErrorString: API Gateway substitutes it unescaped, and its quotes
    // (`["items"]`) would break the JSON. The function repeats the check with field-level errors.
    detail: '"The request body does not match the schema of this operation."',
  },
  {
    type: ResponseType.BAD_REQUEST_PARAMETERS,
    status: 400,
    slug: 'invalid-request',
    title: 'The request is not valid',
    // "Missing required request parameters: [Idempotency-Key]": names from our own model, escaped.
    detail: MESSAGE,
  },
  {
    type: ResponseType.MISSING_AUTHENTICATION_TOKEN,
    status: 404,
    slug: 'not-found',
    title: 'The resource does not exist',
    detail: '"No route matches this method and path."',
  },
  {
    type: ResponseType.RESOURCE_NOT_FOUND,
    status: 404,
    slug: 'not-found',
    title: 'The resource does not exist',
    detail: MESSAGE,
  },
  {
    type: ResponseType.REQUEST_TOO_LARGE,
    status: 413,
    slug: 'payload-too-large',
    title: 'The request body is too large',
    detail: MESSAGE,
  },
  {
    type: ResponseType.UNSUPPORTED_MEDIA_TYPE,
    status: 415,
    slug: 'unsupported-media-type',
    title: 'The media type is not supported',
    detail: MESSAGE,
  },
  {
    type: ResponseType.UNAUTHORIZED,
    status: 401,
    slug: 'unauthorized',
    title: 'Authentication is required',
    detail: '"Send an access token from the token endpoint: Authorization: Bearer <token>."',
    // RFC 6750: a 401 names the scheme the caller should use.
    headers: { 'WWW-Authenticate': 'Bearer' },
  },
  {
    type: ResponseType.ACCESS_DENIED,
    status: 403,
    slug: 'forbidden',
    title: 'Access is denied',
    detail: MESSAGE,
  },
  {
    type: ResponseType.INVALID_API_KEY,
    status: 403,
    slug: 'forbidden',
    title: 'Access is denied',
    detail: MESSAGE,
  },
  {
    type: ResponseType.THROTTLED,
    status: 429,
    slug: 'throttled',
    title: 'Too many requests',
    detail: '"The request rate is over the limit; retry with backoff."',
  },
  {
    type: ResponseType.QUOTA_EXCEEDED,
    status: 429,
    slug: 'quota-exceeded',
    title: 'The usage quota is exhausted',
    detail: MESSAGE,
  },
  {
    type: ResponseType.INTEGRATION_TIMEOUT,
    status: 504,
    slug: 'timeout',
    title: 'The backend did not answer in time',
    detail:
      '"The request timed out; it may or may not have been processed. Retry with the same Idempotency-Key."',
  },
  ...[ResponseType.EXPIRED_TOKEN, ResponseType.INVALID_SIGNATURE, ResponseType.WAF_FILTERED].map((type) => ({
    type,
    status: 403,
    slug: 'forbidden',
    title: 'Access is denied',
    detail: MESSAGE,
  })),
  {
    type: ResponseType.DEFAULT_4XX,
    status: 400,
    slug: 'client-error',
    title: 'The request was refused',
    detail: MESSAGE,
  },
  {
    type: ResponseType.DEFAULT_5XX,
    slug: 'internal-error',
    title: 'Internal error',
    detail: '"The request could not be completed."',
  },
];

/**
 * `corsOrigins`: the stage's browser origins. A gateway response can only map a constant or a request
 * value into a header, never choose among origins, so it grants CORS only when the stage has exactly one
 * origin (a constant). With several, a browser sees the gateway's own errors (404 route, throttling, a
 * body the validator refuses) as CORS failures; the functions' answers carry the grant either way.
 */
export function addProblemResponses(api: RestApi, corsOrigins: readonly string[]): void {
  const cors = corsOrigins.length === 1 ? corsHeaders(corsOrigins[0], corsOrigins) : {};
  for (const problem of GATEWAY_PROBLEMS) {
    const members = [
      `"type":"${PROBLEM_TYPE_BASE}${problem.slug}"`,
      `"title":"${problem.title}"`,
      ...(problem.status === undefined ? [] : [`"status":${problem.status}`]),
      `"detail":${problem.detail}`,
      '"instance":"urn:uuid:$context.requestId"',
      '"requestId":"$context.requestId"',
    ];
    api.addGatewayResponse(`Problem${problem.type.responseType}`, {
      type: problem.type,
      ...(problem.status === undefined ? {} : { statusCode: String(problem.status) }),
      responseHeaders: {
        'Content-Type': `'${PROBLEM_CONTENT_TYPE}'`,
        ...staticHeaderMappings({ ...SECURITY_HEADERS, ...cors, ...problem.headers }),
      },
      templates: { 'application/json': `{${members.join(',')}}` },
    });
  }
}
