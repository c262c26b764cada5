import type { ResolvedResource } from '../model/resolved-resource';
import { parseJsonish } from '../shared/json-property';
import { cacheKeyParametersOf } from './build-caching';
import { buildIntegration } from './build-integration';
import { buildStages } from './build-stages';
import { buildUsagePlans } from './build-usage-plans';
import { functionArnFromUri } from './lambda-uri';
import {
  booleanMapProp,
  booleanProp,
  isRecord,
  numberProp,
  type Properties,
  recordProp,
  stringMapProp,
  stringProp,
  stringsProp,
} from './resource-properties';
import type {
  ApiResourceNode,
  AuthorizerModel,
  GatewayResponseModel,
  MethodModel,
  ModelDefinition,
  RequestValidatorModel,
  RestApiModel,
  UserPoolAuthorizerModel,
} from './rest-api-model';

const T = 'AWS::ApiGateway::';

/** API Gateway resource types that need no emulation (documentation, the CloudWatch role of the account). */
const NOTHING_TO_EMULATE = new Set(['Account', 'DocumentationPart', 'DocumentationVersion']);
/** Types `buildRestApis` reads. Any other AWS::ApiGateway::* type bound to an API becomes a warning. */
const HANDLED = new Set([
  'RestApi',
  'Resource',
  'Method',
  'Deployment',
  'Stage',
  'Model',
  'RequestValidator',
  'GatewayResponse',
  'Authorizer',
  'ApiKey',
  'UsagePlan',
  'UsagePlanKey',
]);

/**
 * Builds one `RestApiModel` per AWS::ApiGateway::RestApi from fully resolved resources (any number of
 * stacks). Every feature present that the emulator cannot honour lands in the model's `warnings`.
 */
export function buildRestApis(resources: readonly ResolvedResource[]): RestApiModel[] {
  const byType = (type: string) => resources.filter((resource) => resource.type === `${T}${type}`);
  return byType('RestApi').map((restApi) => buildRestApi(restApi, resources, byType));
}

function buildRestApi(
  restApi: ResolvedResource,
  all: readonly ResolvedResource[],
  byType: (type: string) => ResolvedResource[],
): RestApiModel {
  const apiId = restApi.physicalId;
  const ofThisApi = (type: string) =>
    byType(type).filter((resource) => stringProp(resource.properties, 'RestApiId') === apiId);
  const warnings: string[] = [];
  const warn = (resource: ResolvedResource, message: string) =>
    warnings.push(`${resource.stackName}/${resource.logicalId} (${resource.type}) ${message}`);

  warnAboutRestApi(restApi, warn);
  for (const other of all) {
    const shortType = other.type.slice(T.length);
    if (!other.type.startsWith(T) || HANDLED.has(shortType) || NOTHING_TO_EMULATE.has(shortType)) continue;
    if (stringProp(other.properties, 'RestApiId') === apiId) {
      warn(other, 'is not emulated; the API is served on its local base URL only');
    }
  }

  const rootResourceId = restApi.attributes.RootResourceId ?? `${apiId}-root`;
  const { root, nodes } = buildTree(rootResourceId, ofThisApi('Resource'), ofThisApi('Method'), warn);
  const authorizers = new Map<string, AuthorizerModel>();
  for (const authorizer of ofThisApi('Authorizer')) {
    const model = authorizerModel(authorizer, warn);
    if (model) authorizers.set(model.id, model);
  }
  const apiKeySource =
    stringProp(restApi.properties, 'ApiKeySourceType') === 'AUTHORIZER' ? 'AUTHORIZER' : 'HEADER';

  return {
    id: apiId,
    name: stringProp(restApi.properties, 'Name') ?? restApi.logicalId,
    stackName: restApi.stackName,
    logicalId: restApi.logicalId,
    root,
    resources: nodes,
    stages: buildStages(ofThisApi('Stage'), ofThisApi('Deployment'), warn),
    models: modelsOf(ofThisApi('Model'), warn),
    requestValidators: new Map(
      ofThisApi('RequestValidator').map((validator): [string, RequestValidatorModel] => [
        validator.physicalId,
        {
          id: validator.physicalId,
          validateRequestBody: booleanProp(validator.properties, 'ValidateRequestBody') ?? false,
          validateRequestParameters: booleanProp(validator.properties, 'ValidateRequestParameters') ?? false,
        },
      ]),
    ),
    gatewayResponses: new Map(
      ofThisApi('GatewayResponse').map((response): [string, GatewayResponseModel] => {
        const model = gatewayResponseModel(response.properties);
        return [model.responseType, model];
      }),
    ),
    authorizers,
    usagePlans: buildUsagePlans(
      apiId,
      { usagePlans: byType('UsagePlan'), usagePlanKeys: byType('UsagePlanKey'), apiKeys: byType('ApiKey') },
      warn,
    ),
    apiKeySource,
    binaryMediaTypes: stringsProp(restApi.properties, 'BinaryMediaTypes'),
    ...(restApi.properties.Policy !== undefined
      ? { resourcePolicy: parseJsonish(restApi.properties.Policy) ?? restApi.properties.Policy }
      : {}),
    warnings,
  };
}

function warnAboutRestApi(restApi: ResolvedResource, warn: (r: ResolvedResource, m: string) => void): void {
  const props = restApi.properties;
  if (props.Body !== undefined || props.BodyS3Location !== undefined) {
    warn(
      restApi,
      'is defined by an OpenAPI body; only AWS::ApiGateway::Resource/Method resources are routed',
    );
  }
  if (numberProp(props, 'MinimumCompressionSize') !== undefined) {
    warn(restApi, 'sets MinimumCompressionSize; responses are never compressed locally');
  }
  if (booleanProp(props, 'DisableExecuteApiEndpoint')) {
    warn(restApi, 'disables the execute-api endpoint; the local cloud serves it anyway');
  }
}

interface PendingResource {
  readonly id: string;
  readonly parentId: string;
  readonly pathPart: string;
}

function buildTree(
  rootId: string,
  resources: readonly ResolvedResource[],
  methods: readonly ResolvedResource[],
  warn: (resource: ResolvedResource, message: string) => void,
): { root: ApiResourceNode; nodes: Map<string, ApiResourceNode> } {
  const pending: PendingResource[] = resources.map((resource) => ({
    id: resource.physicalId,
    parentId: stringProp(resource.properties, 'ParentId') ?? '',
    pathPart: stringProp(resource.properties, 'PathPart') ?? '',
  }));
  const methodsByResource = new Map<string, Map<string, MethodModel>>();
  for (const method of methods) {
    const resourceId = stringProp(method.properties, 'ResourceId') ?? '';
    const model = methodModel(method, (message) => warn(method, message));
    const forResource = methodsByResource.get(resourceId) ?? new Map<string, MethodModel>();
    forResource.set(model.httpMethod, model);
    methodsByResource.set(resourceId, forResource);
  }

  const nodes = new Map<string, ApiResourceNode>();
  const build = (id: string, pathPart: string, path: string): ApiResourceNode => {
    const children = pending
      .filter((child) => child.parentId === id)
      .map((child) => build(child.id, child.pathPart, `${path === '/' ? '' : path}/${child.pathPart}`));
    const node: ApiResourceNode = {
      id,
      pathPart,
      path,
      children,
      methods: methodsByResource.get(id) ?? new Map(),
    };
    nodes.set(id, node);
    return node;
  };
  const root = build(rootId, '', '/');

  for (const resource of resources) {
    if (!nodes.has(resource.physicalId))
      warn(resource, 'is not reachable from the API root; it is not routed');
  }
  for (const method of methods) {
    const resourceId = stringProp(method.properties, 'ResourceId') ?? '';
    if (!nodes.has(resourceId)) warn(method, `belongs to unknown resource ${resourceId}; it is not routed`);
  }
  return { root, nodes };
}

function methodModel(method: ResolvedResource, warn: (message: string) => void): MethodModel {
  const props = method.properties;
  const httpMethod = (stringProp(props, 'HttpMethod') ?? 'ANY').toUpperCase();
  const authorizationType = (stringProp(props, 'AuthorizationType') ?? 'NONE').toUpperCase();
  const authorizerId = stringProp(props, 'AuthorizerId');
  const requestValidatorId = stringProp(props, 'RequestValidatorId');
  const operationName = stringProp(props, 'OperationName');
  const cacheNamespace = stringProp(recordProp(props, 'Integration'), 'CacheNamespace');
  return {
    httpMethod,
    authorizationType,
    ...(authorizerId ? { authorizerId } : {}),
    authorizationScopes: stringsProp(props, 'AuthorizationScopes'),
    apiKeyRequired: booleanProp(props, 'ApiKeyRequired') ?? false,
    requestParameters: booleanMapProp(props, 'RequestParameters'),
    requestModels: stringMapProp(props, 'RequestModels'),
    ...(requestValidatorId ? { requestValidatorId } : {}),
    ...(operationName ? { operationName } : {}),
    integration: buildIntegration(props, warn),
    cacheKeyParameters: cacheKeyParametersOf(method),
    ...(cacheNamespace ? { cacheNamespace } : {}),
  };
}

function modelsOf(
  models: readonly ResolvedResource[],
  warn: (resource: ResolvedResource, message: string) => void,
): Map<string, ModelDefinition> {
  const result = new Map<string, ModelDefinition>();
  for (const model of models) {
    const name = stringProp(model.properties, 'Name') ?? model.physicalId;
    let schema: unknown = model.properties.Schema;
    if (typeof schema === 'string') {
      try {
        schema = JSON.parse(schema) as unknown;
      } catch {
        warn(model, 'has a Schema that is not valid JSON; bodies are not validated against it');
        continue;
      }
    }
    if (!isRecord(schema)) continue;
    const definition = {
      name,
      contentType: stringProp(model.properties, 'ContentType') ?? 'application/json',
      schema,
    };
    // RequestModels hold what `Ref` of the model resolves to (its name); both keys lead to it.
    result.set(model.physicalId, definition);
    result.set(name, definition);
  }
  return result;
}

function gatewayResponseModel(props: Properties): GatewayResponseModel {
  const statusCode = numberProp(props, 'StatusCode');
  return {
    responseType: stringProp(props, 'ResponseType') ?? 'DEFAULT_4XX',
    ...(statusCode === undefined ? {} : { statusCode }),
    responseParameters: stringMapProp(props, 'ResponseParameters'),
    responseTemplates: stringMapProp(props, 'ResponseTemplates'),
  };
}

function authorizerModel(
  authorizer: ResolvedResource,
  warn: (resource: ResolvedResource, message: string) => void,
): AuthorizerModel | undefined {
  const props = authorizer.properties;
  const type = stringProp(props, 'Type');
  if (type === 'COGNITO_USER_POOLS') return userPoolAuthorizerModel(authorizer);
  if (type !== 'TOKEN' && type !== 'REQUEST') {
    warn(authorizer, `is a ${type ?? 'untyped'} authorizer; the local cloud does not check it`);
    return undefined;
  }
  const functionArn = functionArnFromUri(stringProp(props, 'AuthorizerUri'));
  if (!functionArn) {
    warn(authorizer, 'has an AuthorizerUri that is not a Lambda function; requests through it get a 500');
    return undefined;
  }
  const identitySource =
    stringProp(props, 'IdentitySource') ?? (type === 'TOKEN' ? 'method.request.header.Authorization' : '');
  const identityValidationExpression = stringProp(props, 'IdentityValidationExpression');
  return {
    id: authorizer.physicalId,
    name: stringProp(props, 'Name') ?? authorizer.logicalId,
    type,
    functionArn,
    identitySources: identitySource
      .split(',')
      .map((source) => source.trim())
      .filter((source) => source !== ''),
    resultTtlSeconds: numberProp(props, 'AuthorizerResultTtlInSeconds') ?? 300,
    ...(identityValidationExpression ? { identityValidationExpression } : {}),
  };
}

function userPoolAuthorizerModel(authorizer: ResolvedResource): UserPoolAuthorizerModel {
  const props = authorizer.properties;
  const identityValidationExpression = stringProp(props, 'IdentityValidationExpression');
  return {
    id: authorizer.physicalId,
    name: stringProp(props, 'Name') ?? authorizer.logicalId,
    type: 'COGNITO_USER_POOLS',
    providerArns: stringsProp(props, 'ProviderARNs'),
    identitySource: stringProp(props, 'IdentitySource') ?? 'method.request.header.Authorization',
    ...(identityValidationExpression ? { identityValidationExpression } : {}),
  };
}
