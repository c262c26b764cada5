import { renderGatewayError as render } from '@shop/local-cloud';
import type { Template } from 'aws-cdk-lib/assertions';
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
  const catchAllStatus: Record<string, number> = { DEFAULT_4XX: 418, DEFAULT_5XX: 502 };
  const statusCode = catchAllStatus[type];
  return render(responses, {
    responseType: type,
    message: 'Sample "quoted" message',
    path,
    ...(statusCode === undefined ? {} : { statusCode }),
  });
}
