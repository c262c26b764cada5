import { GatewayError } from './gateway-error';
import { NO_REQUEST_VALUES, renderGatewayResponse } from './gateway-responses';
import { InvocationContext } from './invocation-context';
import type { GatewayResponseModel, RestApiModel } from './rest-api-model';

/** An `AWS::ApiGateway::GatewayResponse`'s properties, as a template holds them. */
export interface GatewayResponseProperties {
  readonly StatusCode?: unknown;
  readonly ResponseParameters?: unknown;
  readonly ResponseTemplates?: unknown;
}

export interface GatewayErrorRequest {
  /** The gateway response type, e.g. `MISSING_AUTHENTICATION_TOKEN`, `DEFAULT_4XX`. */
  readonly responseType: string;
  /** `$context.error.message`. */
  readonly message: string;
  /** The status the error carries (the catch-alls have none of their own). */
  readonly statusCode?: number;
  readonly method?: string;
  readonly path: string;
}

export interface RenderedGatewayError {
  readonly status: number;
  readonly headers: ReadonlyMap<string, string>;
  readonly body: string;
  /** `$context.requestId` of the rendered request. */
  readonly requestId: string;
}

/**
 * What API Gateway answers for a gateway error, given an API's gateway responses as synthesized (by
 * response type): the same renderer the local REST APIs use (plain `$context` substitution, no VTL and no
 * escaping, as API Gateway does), for testing an app's gateway responses without starting a server.
 */
export function renderGatewayError(
  responses: ReadonlyMap<string, GatewayResponseProperties>,
  request: GatewayErrorRequest,
): RenderedGatewayError {
  const gatewayResponses = new Map<string, GatewayResponseModel>(
    [...responses].map(([responseType, properties]) => [
      responseType,
      {
        responseType,
        ...(properties.StatusCode === undefined ? {} : { statusCode: Number(properties.StatusCode) }),
        responseParameters: (properties.ResponseParameters ?? {}) as Record<string, string>,
        responseTemplates: (properties.ResponseTemplates ?? {}) as Record<string, string>,
      },
    ]),
  );
  // Only the gateway responses take part in rendering an error.
  const api = { gatewayResponses } as unknown as RestApiModel;
  const context = new InvocationContext(
    'api',
    '000000000000',
    Date.now(),
    request.method ?? 'GET',
    request.path,
    'HTTP/1.1',
    '203.0.113.9',
    'local-cloud',
    'localhost',
  );
  const error = new GatewayError(
    request.responseType,
    request.message,
    request.statusCode === undefined ? {} : { statusCode: request.statusCode },
  );
  const result = renderGatewayResponse(api, error, context, NO_REQUEST_VALUES);
  return {
    status: result.statusCode,
    headers: new Map(result.headers),
    body: result.body.toString('utf8'),
    requestId: context.requestId,
  };
}
