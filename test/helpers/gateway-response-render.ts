import type { Template } from 'aws-cdk-lib/assertions';
import { GatewayError } from '../../local/apigateway/gateway-error';
import { renderGatewayResponse } from '../../local/apigateway/gateway-responses';
import { InvocationContext } from '../../local/apigateway/invocation-context';
import type { GatewayResponseModel, RestApiModel } from '../../local/apigateway/rest-api-model';
import { type CfnResourceJson, referencedId, resourcesOfType } from './shop-templates';

/** Paths a client can send that break or forge JSON if placed in a body unescaped. */
export const HOSTILE_PATHS = [
  '/v1/no"such',
  '/v1/x","status":200,"title":"Injected","z":"',
  '/v1/back\\slash\\',
  '/v1/\u2028line\u2029separators',
  '/v1/%22encoded%22',
];

/** The gateway responses of the REST API `restApiId` in `template`, by response type. */
export function gatewayResponsesOf(
  template: Template,
  restApiId: string,
): Map<string, CfnResourceJson['Properties']> {
  return new Map(
    resourcesOfType(template, 'AWS::ApiGateway::GatewayResponse')
      .filter(([, { Properties }]) => referencedId(Properties.RestApiId) === restApiId)
      .map(([, { Properties }]) => [String(Properties.ResponseType), Properties]),
  );
}

/**
 * What API Gateway sends for an error of `type` on a `GET` of `path`, with the API's gateway responses as
 * synthesized, rendered by the local cloud's gateway responses (plain `$context` substitution, no VTL and
 * no escaping, as API Gateway does). The catch-alls are rendered with a status of their family.
 */
export function renderGatewayError(
  responses: Map<string, CfnResourceJson['Properties']>,
  type: string,
  path: string,
) {
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
  const api = { gatewayResponses } as unknown as RestApiModel;
  const context = new InvocationContext(
    'api',
    '000000000000',
    Date.now(),
    'GET',
    path,
    'HTTP/1.1',
    '203.0.113.9',
    'jest',
    'localhost',
  );
  const catchAllStatus: Record<string, number> = { DEFAULT_4XX: 418, DEFAULT_5XX: 502 };
  const status = catchAllStatus[type];
  const error = new GatewayError(
    type,
    'Sample "quoted" message',
    status === undefined ? {} : { statusCode: status },
  );
  const noRequestValues = {
    header: () => undefined,
    queryParameter: () => undefined,
    pathParameter: () => undefined,
  };
  const result = renderGatewayResponse(api, error, context, noRequestValues);
  return {
    status: result.statusCode,
    headers: new Map(result.headers),
    body: result.body.toString('utf8'),
    requestId: context.requestId,
  };
}
