/**
 * What the API Gateway emulator knows about one REST API (v1), built from the resolved AWS::ApiGateway::*
 * resources of a cloud assembly by `buildRestApis`. Everything is plain data: the server reads it, never
 * the template.
 */

/** `{ rateLimit, burstLimit }` as API Gateway's throttling settings (requests per second, bucket size). */
export interface ThrottleSettings {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

export interface RestApiModel {
  /** The REST API id (what `Ref` of the AWS::ApiGateway::RestApi resolves to). */
  readonly id: string;
  readonly name: string;
  readonly stackName: string;
  readonly logicalId: string;
  readonly root: ApiResourceNode;
  /** Every resource of the tree, by resource id. */
  readonly resources: ReadonlyMap<string, ApiResourceNode>;
  /** By stage name. */
  readonly stages: ReadonlyMap<string, StageModel>;
  /** By model name (what `Ref` of an AWS::ApiGateway::Model resolves to, and what RequestModels holds). */
  readonly models: ReadonlyMap<string, ModelDefinition>;
  /** By validator id. */
  readonly requestValidators: ReadonlyMap<string, RequestValidatorModel>;
  /** By response type (`BAD_REQUEST_BODY`, `DEFAULT_4XX`, ...). */
  readonly gatewayResponses: ReadonlyMap<string, GatewayResponseModel>;
  /** By authorizer id. */
  readonly authorizers: ReadonlyMap<string, AuthorizerModel>;
  /** Usage plans bound to at least one stage of this API. */
  readonly usagePlans: readonly UsagePlanModel[];
  /** Where API keys come from: the `x-api-key` header, or the authorizer's `usageIdentifierKey`. */
  readonly apiKeySource: 'HEADER' | 'AUTHORIZER';
  /** Media types treated as binary (base64 to Lambda), from `BinaryMediaTypes`; may use `*` wildcards. */
  readonly binaryMediaTypes: readonly string[];
  /** The RestApi's `Policy` (a resource policy document), when it has one. */
  readonly resourcePolicy?: unknown;
  /** Template features the emulator does not honour, one human-readable line each. */
  readonly warnings: readonly string[];
}

export interface ApiResourceNode {
  readonly id: string;
  /** The path part (`orders`, `{orderId}`, `{proxy+}`); empty for the root. */
  readonly pathPart: string;
  /** The resource path as API Gateway reports it (`/`, `/orders/{orderId}`). */
  readonly path: string;
  readonly children: readonly ApiResourceNode[];
  /** By HTTP method in upper case, `ANY` included. */
  readonly methods: ReadonlyMap<string, MethodModel>;
}

export interface MethodModel {
  readonly httpMethod: string;
  /** `NONE`, `CUSTOM`, `AWS_IAM`, `COGNITO_USER_POOLS`. */
  readonly authorizationType: string;
  readonly authorizerId?: string;
  /** `COGNITO_USER_POOLS` methods: an access token must hold one of these scopes. */
  readonly authorizationScopes: readonly string[];
  readonly apiKeyRequired: boolean;
  /** `method.request.header.X` -> required? */
  readonly requestParameters: Readonly<Record<string, boolean>>;
  /** Content type -> model name. */
  readonly requestModels: Readonly<Record<string, string>>;
  readonly requestValidatorId?: string;
  readonly operationName?: string;
  readonly integration: IntegrationModel;
  /**
   * `Integration.CacheKeyParameters`: the request values (`method.request.path.sku`, `...querystring.x`,
   * `...header.X`) that tell cache entries of this method apart, each declared in `requestParameters`.
   */
  readonly cacheKeyParameters: readonly string[];
  /**
   * `Integration.CacheNamespace`: methods naming the same namespace share cache entries. API Gateway's
   * default is the method's resource id.
   */
  readonly cacheNamespace?: string;
}

export type IntegrationModel =
  | {
      readonly type: 'AWS_PROXY';
      /** The Lambda function ARN taken from `.../functions/<arn>/invocations`. */
      readonly functionArn: string;
      /** `TimeoutInMillis` from the template, if set (API Gateway's default is 29 000). */
      readonly timeoutMs?: number;
    }
  | {
      readonly type: 'MOCK';
      /** Content type -> request template (its `statusCode` selects the integration response). */
      readonly requestTemplates: Readonly<Record<string, string>>;
      readonly integrationResponses: readonly IntegrationResponseModel[];
    }
  | {
      /** Anything the emulator cannot run (HTTP, non-Lambda AWS, Lambda non-proxy); answered with a 500. */
      readonly type: 'UNSUPPORTED';
      readonly description: string;
    };

export interface IntegrationResponseModel {
  readonly statusCode: string;
  /** A regular expression matched against the integration's status code; absent for the default response. */
  readonly selectionPattern?: string;
  /** `method.response.header.X` -> `'static value'` (or another mapping expression). */
  readonly responseParameters: Readonly<Record<string, string>>;
  readonly responseTemplates: Readonly<Record<string, string>>;
}

export interface StageModel {
  readonly name: string;
  readonly deploymentId: string;
  readonly variables: Readonly<Record<string, string>>;
  /** The `HttpMethod: '*'`, `ResourcePath: '/*'` method settings: the limit of every method of the stage. */
  readonly defaultMethodThrottle?: ThrottleSettings;
  /** Per-method overrides, keyed by `<resource path> <METHOD>` (e.g. `/orders POST`). */
  readonly methodThrottles: ReadonlyMap<string, ThrottleSettings>;
  readonly accessLogFormat?: string;
  readonly tracingEnabled: boolean;
  /** `CacheClusterEnabled`: the stage has a cache; without one no method setting caches anything. */
  readonly cacheClusterEnabled: boolean;
  /**
   * The caching fields of the method settings, keyed like `methodThrottles` (`/*` `*` is the stage-wide
   * one); a field a setting leaves out comes from the wider setting, else from API Gateway's default.
   */
  readonly methodCaching: ReadonlyMap<string, MethodCachingSetting>;
}

/** How an unauthorized `Cache-Control: max-age=0` is handled (`UnauthorizedCacheControlHeaderStrategy`). */
export type UnauthorizedCacheControlStrategy =
  | 'FAIL_WITH_403'
  | 'SUCCEED_WITH_RESPONSE_HEADER'
  | 'SUCCEED_WITHOUT_RESPONSE_HEADER';

/** The caching fields of one method setting, as far as the template sets them. */
export interface MethodCachingSetting {
  readonly cachingEnabled?: boolean;
  /** 0 to 3600; 0 caches nothing. */
  readonly ttlSeconds?: number;
  readonly requireAuthorizationForCacheControl?: boolean;
  readonly unauthorizedStrategy?: UnauthorizedCacheControlStrategy;
}

export interface ModelDefinition {
  readonly name: string;
  readonly contentType: string;
  readonly schema: Readonly<Record<string, unknown>>;
}

export interface RequestValidatorModel {
  readonly id: string;
  readonly validateRequestBody: boolean;
  readonly validateRequestParameters: boolean;
}

export interface GatewayResponseModel {
  readonly responseType: string;
  readonly statusCode?: number;
  /** `gatewayresponse.header.X` -> `'static'` or `method.request.header.Y` and friends. */
  readonly responseParameters: Readonly<Record<string, string>>;
  /** Content type -> template (simple `$context` substitution, no VTL, as in API Gateway). */
  readonly responseTemplates: Readonly<Record<string, string>>;
}

export type AuthorizerModel = LambdaAuthorizerModel | UserPoolAuthorizerModel;

export interface LambdaAuthorizerModel {
  readonly id: string;
  readonly name: string;
  readonly type: 'TOKEN' | 'REQUEST';
  readonly functionArn: string;
  /** `method.request.header.Authorization`, `method.request.querystring.x`, `stageVariables.x`, `context.x`. */
  readonly identitySources: readonly string[];
  /** 0 disables caching. CloudFormation's default is 300. */
  readonly resultTtlSeconds: number;
  /** TOKEN authorizers: a regular expression the token must match before the function is called. */
  readonly identityValidationExpression?: string;
}

/** A `COGNITO_USER_POOLS` authorizer: tokens of these pools, checked by API Gateway itself. */
export interface UserPoolAuthorizerModel {
  readonly id: string;
  readonly name: string;
  readonly type: 'COGNITO_USER_POOLS';
  /** The pools whose tokens pass (`ProviderARNs`). */
  readonly providerArns: readonly string[];
  /** Where the token is: `method.request.header.Authorization` unless the template says otherwise. */
  readonly identitySource: string;
  /** A regular expression an ID token's `aud` must match. */
  readonly identityValidationExpression?: string;
}

export interface ApiKeyModel {
  readonly id: string;
  readonly value: string;
  readonly enabled: boolean;
}

export interface UsagePlanStage {
  readonly apiId: string;
  readonly stage: string;
  /** Per-method throttles of this plan on this stage, keyed by `<resource path> <METHOD>`. */
  readonly methodThrottles: ReadonlyMap<string, ThrottleSettings>;
}

export interface QuotaSettings {
  readonly limit: number;
  readonly period: 'DAY' | 'WEEK' | 'MONTH';
  /** The day a period starts: WEEK 0 = Sunday, 1 = Monday...; MONTH 0 = the 1st; DAY always 0 (UTC). */
  readonly offset: number;
}

export interface UsagePlanModel {
  readonly id: string;
  readonly name: string;
  readonly stages: readonly UsagePlanStage[];
  readonly throttle?: ThrottleSettings;
  readonly quota?: QuotaSettings;
  readonly apiKeys: readonly ApiKeyModel[];
}

/** Key of a per-method throttle: the resource path and the HTTP method, e.g. `/orders/{orderId} GET`. */
export function methodKey(resourcePath: string, httpMethod: string): string {
  return `${resourcePath} ${httpMethod.toUpperCase()}`;
}
