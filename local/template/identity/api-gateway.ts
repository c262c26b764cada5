import { hexId, shortId } from '../deterministic-ids';
import { seedOf, stringProperty } from './names';
import type { IdentityRule } from './types';

/**
 * API Gateway (REST, v1). AWS makes up short random ids for APIs, resources, deployments, ...; here they
 * are derived from the resource's place in the assembly so that local URLs stay the same across restarts.
 */

const restApi: IdentityRule = (resource) => ({
  physicalId: shortId(seedOf(resource, 'rest-api'), 10),
  attributes: {
    RestApiId: shortId(seedOf(resource, 'rest-api'), 10),
    RootResourceId: shortId(seedOf(resource, 'root'), 10),
  },
});

/** A resource known by a short id, which is also its `<attribute>` (ResourceId, DeploymentId, ...). */
function idResource(attribute: string, size = 6): IdentityRule {
  return (resource) => {
    const id = shortId(seedOf(resource, attribute), size);
    return { physicalId: id, attributes: { [attribute]: id } };
  };
}

/** A stage is known by its name, in both API Gateway versions. */
const stageByName: IdentityRule = (resource) => ({
  physicalId: stringProperty(resource, 'StageName') ?? resource.logicalId,
  attributes: {},
});

/** The API key value is what clients send; a deterministic one keeps a saved key working after a restart. */
const apiKey: IdentityRule = (resource) => {
  const id = shortId(seedOf(resource, 'api-key'), 10);
  return {
    physicalId: id,
    attributes: {
      APIKeyId: id,
      Value: stringProperty(resource, 'Value') ?? hexId(seedOf(resource, 'api-key-value'), 40),
    },
  };
};

export const API_GATEWAY_RULES: Readonly<Record<string, IdentityRule>> = {
  'AWS::ApiGateway::RestApi': restApi,
  'AWS::ApiGateway::Resource': idResource('ResourceId'),
  'AWS::ApiGateway::Method': idResource('MethodId'),
  'AWS::ApiGateway::Deployment': idResource('DeploymentId'),
  'AWS::ApiGateway::Stage': stageByName,
  'AWS::ApiGateway::Model': (resource) => ({
    physicalId: stringProperty(resource, 'Name') ?? resource.logicalId,
    attributes: {},
  }),
  'AWS::ApiGateway::RequestValidator': idResource('RequestValidatorId'),
  'AWS::ApiGateway::Authorizer': idResource('AuthorizerId'),
  'AWS::ApiGateway::GatewayResponse': idResource('GatewayResponseId'),
  'AWS::ApiGateway::ApiKey': apiKey,
  'AWS::ApiGateway::UsagePlan': idResource('Id'),
  'AWS::ApiGateway::UsagePlanKey': idResource('Id'),
  // API Gateway v2 (HTTP and WebSocket APIs): the same short ids, and the endpoint AWS would give.
  'AWS::ApiGatewayV2::Api': (resource, env) => {
    const id = shortId(seedOf(resource, 'api-v2'), 10);
    const scheme = resource.properties.ProtocolType === 'WEBSOCKET' ? 'wss' : 'https';
    return {
      physicalId: id,
      attributes: { ApiId: id, ApiEndpoint: `${scheme}://${id}.execute-api.${env.region}.${env.urlSuffix}` },
    };
  },
  'AWS::ApiGatewayV2::Route': idResource('RouteId'),
  'AWS::ApiGatewayV2::RouteResponse': idResource('RouteResponseId'),
  'AWS::ApiGatewayV2::Integration': idResource('IntegrationId'),
  'AWS::ApiGatewayV2::Authorizer': idResource('AuthorizerId'),
  'AWS::ApiGatewayV2::Deployment': idResource('DeploymentId'),
  'AWS::ApiGatewayV2::Stage': stageByName,
};
