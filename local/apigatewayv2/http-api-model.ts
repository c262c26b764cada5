import { throttleOf } from '../apigateway/build-stages';
import { functionArnFromUri } from '../apigateway/lambda-uri';
import { isRecord, recordProp } from '../apigateway/resource-properties';
import type { ThrottleSettings } from '../apigateway/rest-api-model';
import type { ResolvedResource } from '../model/resolved-resource';

/**
 * API Gateway v2 (`AWS::ApiGatewayV2::*`) as one model for both protocols: HTTP APIs and WebSocket APIs,
 * which share their routes, integrations, authorizers and stages (each served by its own server).
 */
export type Protocol = 'HTTP' | 'WEBSOCKET';

export interface CorsModel {
  readonly allowOrigins: readonly string[];
  readonly allowMethods: readonly string[];
  readonly allowHeaders: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly maxAge?: number;
  readonly allowCredentials: boolean;
}

export interface IntegrationModel {
  readonly functionArn: string;
  readonly payloadFormatVersion: '1.0' | '2.0';
  /** HTTP APIs allow 50 ms to 30 s, 30 s by default; WebSocket APIs 50 ms to 29 s, 29 s by default. */
  readonly timeoutMs: number;
}

export interface JwtAuthorizerModel {
  readonly kind: 'JWT';
  readonly id: string;
  readonly name: string;
  readonly issuer: string;
  readonly audience: readonly string[];
  /** `$request.header.Authorization` by default. */
  readonly identitySource: readonly string[];
}

export interface LambdaAuthorizerModel {
  readonly kind: 'REQUEST';
  /** The authorizer's id: its cache is its own, shared by every route that uses it. */
  readonly id: string;
  readonly name: string;
  readonly functionArn: string;
  readonly payloadFormatVersion: '1.0' | '2.0';
  readonly simpleResponses: boolean;
  readonly identitySource: readonly string[];
  readonly ttlSeconds: number;
}

export type Authorization =
  | { readonly type: 'NONE' }
  | { readonly type: 'JWT'; readonly authorizer: JwtAuthorizerModel; readonly scopes: readonly string[] }
  | { readonly type: 'CUSTOM'; readonly authorizer: LambdaAuthorizerModel }
  | { readonly type: 'AWS_IAM' };

export interface RouteModel {
  /** `GET /items/{id}`, `ANY /{proxy+}`, `$default`; for WebSocket APIs `$connect`, `sendMessage`, ... */
  readonly key: string;
  readonly integration?: IntegrationModel;
  readonly authorization: Authorization;
  /**
   * WebSocket APIs: a route with one (only `$default` exists) sends the integration's answer back to the
   * client ("two-way communication"); without it the answer is dropped.
   */
  readonly routeResponseSelectionExpression?: string;
}

export interface StageModel {
  /** `$default` serves at the API's root; another name serves under `/<name>/`. */
  readonly name: string;
  readonly variables: Readonly<Record<string, string>>;
  /** `DefaultRouteSettings` throttling: each route of the stage gets a bucket of this size. */
  readonly defaultRouteThrottle?: ThrottleSettings;
  /** `RouteSettings` throttling by route key (`GET /pets`), over the default. */
  readonly routeThrottles: ReadonlyMap<string, ThrottleSettings>;
  /** `AccessLogSettings.Format`, with `$context` variables; the trace's own line when absent. */
  readonly accessLogFormat?: string;
}

export interface ApiV2Model {
  readonly stackName: string;
  readonly logicalId: string;
  readonly id: string;
  readonly name: string;
  readonly protocol: Protocol;
  /** WebSocket APIs: where a message names its route (`$request.body.action`); HTTP APIs have none. */
  readonly routeSelectionExpression?: string;
  readonly cors?: CorsModel;
  readonly routes: RouteModel[];
  readonly stages: StageModel[];
  readonly warnings: string[];
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** Every v2 API among the resolved resources, with its routes, integrations, authorizers and stages. */
export function buildApisV2(resources: readonly ResolvedResource[]): ApiV2Model[] {
  const ofType = (type: string) =>
    resources.filter((resource) => resource.type === `AWS::ApiGatewayV2::${type}`);
  const byApi = (resource: ResolvedResource) => String(resource.properties.ApiId);
  const apis = ofType('Api').map((api): ApiV2Model => {
    const p = api.properties;
    const cors = p.CorsConfiguration as Record<string, unknown> | undefined;
    const warnings: string[] = [];
    for (const unsupported of ['Target', 'RouteKey', 'CredentialsArn', 'Body', 'BodyS3Location']) {
      if (p[unsupported] !== undefined)
        warnings.push(`${unsupported} (quick create or an OpenAPI body) is not emulated`);
    }
    if (p.ApiKeySelectionExpression !== undefined)
      warnings.push('ApiKeySelectionExpression: API keys are not checked');
    return {
      stackName: api.stackName,
      logicalId: api.logicalId,
      id: api.physicalId,
      name: String(p.Name ?? api.logicalId),
      protocol: p.ProtocolType === 'WEBSOCKET' ? 'WEBSOCKET' : 'HTTP',
      ...(typeof p.RouteSelectionExpression === 'string'
        ? { routeSelectionExpression: p.RouteSelectionExpression }
        : {}),
      ...(cors
        ? {
            cors: {
              allowOrigins: strings(cors.AllowOrigins),
              allowMethods: strings(cors.AllowMethods).map((m) => m.toUpperCase()),
              allowHeaders: strings(cors.AllowHeaders).map((h) => h.toLowerCase()),
              exposeHeaders: strings(cors.ExposeHeaders),
              ...(cors.MaxAge === undefined ? {} : { maxAge: Number(cors.MaxAge) }),
              allowCredentials: cors.AllowCredentials === true || cors.AllowCredentials === 'true',
            },
          }
        : {}),
      routes: [],
      stages: [],
      warnings,
    };
  });
  const apiById = new Map(apis.map((api) => [api.id, api]));

  const integrations = new Map<string, IntegrationModel | string>();
  for (const resource of ofType('Integration')) {
    const p = resource.properties;
    const mapped = [
      'RequestParameters',
      'ResponseParameters',
      'RequestTemplates',
      'TemplateSelectionExpression',
    ].filter((name) => p[name] !== undefined);
    if (mapped.length > 0)
      apiById
        .get(byApi(resource))
        ?.warnings.push(
          `integration ${resource.logicalId}: parameter mapping (${mapped.join(', ')}) is not applied`,
        );
    const functionArn =
      p.IntegrationType === 'AWS_PROXY'
        ? (functionArnFromUri(String(p.IntegrationUri)) ?? String(p.IntegrationUri))
        : undefined;
    integrations.set(
      resource.physicalId,
      functionArn?.includes(':lambda:') || functionArn?.includes(':function:')
        ? {
            functionArn,
            payloadFormatVersion: p.PayloadFormatVersion === '1.0' ? '1.0' : '2.0',
            timeoutMs:
              p.TimeoutInMillis !== undefined
                ? Number(p.TimeoutInMillis)
                : apiById.get(byApi(resource))?.protocol === 'WEBSOCKET'
                  ? 29_000
                  : 30_000,
          }
        : `integration ${resource.logicalId} (${String(p.IntegrationType)} ${String(p.IntegrationSubtype ?? p.IntegrationUri ?? '')}) is not emulated: only Lambda proxy integrations are`,
    );
  }

  const authorizers = new Map<string, JwtAuthorizerModel | LambdaAuthorizerModel | string>();
  for (const resource of ofType('Authorizer')) {
    const p = resource.properties;
    const identitySource = strings(p.IdentitySource);
    if (p.AuthorizerType === 'JWT') {
      const jwt = (p.JwtConfiguration ?? {}) as { Issuer?: unknown; Audience?: unknown };
      authorizers.set(resource.physicalId, {
        kind: 'JWT',
        id: resource.physicalId,
        name: String(p.Name ?? resource.logicalId),
        issuer: String(jwt.Issuer ?? ''),
        audience: strings(jwt.Audience),
        identitySource: identitySource.length > 0 ? identitySource : ['$request.header.Authorization'],
      });
    } else if (p.AuthorizerType === 'REQUEST') {
      const functionArn = functionArnFromUri(String(p.AuthorizerUri));
      authorizers.set(
        resource.physicalId,
        functionArn === undefined
          ? `authorizer ${resource.logicalId}: AuthorizerUri is not a Lambda function; every request is 500`
          : {
              kind: 'REQUEST',
              id: resource.physicalId,
              name: String(p.Name ?? resource.logicalId),
              functionArn,
              payloadFormatVersion: p.AuthorizerPayloadFormatVersion === '1.0' ? '1.0' : '2.0',
              simpleResponses: p.EnableSimpleResponses === true || p.EnableSimpleResponses === 'true',
              identitySource,
              ttlSeconds:
                p.AuthorizerResultTtlInSeconds === undefined ? 0 : Number(p.AuthorizerResultTtlInSeconds),
            },
      );
    }
  }

  for (const resource of ofType('Route')) {
    const api = apiById.get(byApi(resource));
    if (!api) continue;
    const p = resource.properties;
    const target = typeof p.Target === 'string' ? p.Target.replace(/^integrations\//, '') : undefined;
    const integration = target === undefined ? undefined : integrations.get(target);
    if (typeof integration === 'string') api.warnings.push(integration);
    const type = String(p.AuthorizationType ?? 'NONE');
    const authorizer = p.AuthorizerId === undefined ? undefined : authorizers.get(String(p.AuthorizerId));
    let authorization: Authorization = { type: 'NONE' };
    if (type === 'JWT' && typeof authorizer === 'object' && authorizer.kind === 'JWT') {
      authorization = { type: 'JWT', authorizer, scopes: strings(p.AuthorizationScopes) };
    } else if (type === 'CUSTOM' && typeof authorizer === 'object' && authorizer.kind === 'REQUEST') {
      authorization = { type: 'CUSTOM', authorizer };
    } else if (type === 'AWS_IAM') {
      authorization = { type: 'AWS_IAM' };
    } else if (type !== 'NONE') {
      api.warnings.push(
        `route ${String(p.RouteKey)}: ${typeof authorizer === 'string' ? authorizer : `authorization ${type} without its authorizer`}`,
      );
    }
    if (p.ApiKeyRequired === true || p.ApiKeyRequired === 'true')
      api.warnings.push(`route ${String(p.RouteKey)}: ApiKeyRequired is not enforced`);
    if (p.RequestModels !== undefined || p.ModelSelectionExpression !== undefined)
      api.warnings.push(`route ${String(p.RouteKey)}: request models are not validated`);
    api.routes.push({
      key: String(p.RouteKey),
      ...(typeof integration === 'object' ? { integration } : {}),
      authorization,
      ...(typeof p.RouteResponseSelectionExpression === 'string'
        ? { routeResponseSelectionExpression: p.RouteResponseSelectionExpression }
        : {}),
    });
  }

  for (const resource of ofType('Stage')) {
    const api = apiById.get(byApi(resource));
    if (!api) continue;
    const p = resource.properties;
    const variables = (p.StageVariables ?? {}) as Record<string, unknown>;
    const defaultRouteThrottle = throttleOf(recordProp(p, 'DefaultRouteSettings'));
    const accessLogFormat = recordProp(p, 'AccessLogSettings').Format;
    api.stages.push({
      name: String(p.StageName),
      variables: Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, String(v)])),
      ...(defaultRouteThrottle ? { defaultRouteThrottle } : {}),
      routeThrottles: new Map(
        Object.entries(recordProp(p, 'RouteSettings')).flatMap(([routeKey, settings]) => {
          const throttle = throttleOf(isRecord(settings) ? settings : {});
          return throttle ? [[routeKey, throttle] as const] : [];
        }),
      ),
      ...(typeof accessLogFormat === 'string' ? { accessLogFormat } : {}),
    });
    if (p.AutoDeploy !== true && p.AutoDeploy !== 'true' && p.DeploymentId === undefined) {
      api.warnings.push(
        `stage ${String(p.StageName)} has no deployment and no AutoDeploy; served all the same`,
      );
    }
  }
  return apis;
}
