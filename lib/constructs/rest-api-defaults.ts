import { Duration, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { SECURITY_HEADERS } from '../../lambdas/shared/http/response-headers';
import type { StageConfig } from '../config/stage-config';

export interface ObservedRestApiProps {
  readonly restApiName: string;
  readonly description: string;
  readonly stageName: string;
  /** E.g. IAM authorization on every method of an internal API. */
  readonly defaultMethodOptions?: apigw.MethodOptions;
  /** An `OPTIONS` preflight on every resource, for APIs a browser calls. */
  readonly corsPreflight?: apigw.CorsOptions;
  /**
   * True when the caller defines the API's gateway responses itself (the public API's problem+json,
   * which carry the security headers). Otherwise API Gateway's own bodies stay (`{"message": ...}`, with
   * the message escaped by API Gateway) and only the security headers are added to them.
   */
  readonly ownGatewayResponses?: boolean;
  /**
   * A stage cache (the smallest cluster, encrypted) and the methods it caches, by `/<path>/<METHOD>`, each
   * for its TTL; a cached method must say its key (`cacheKeyParameters` on its integration).
   */
  readonly cache?: Readonly<Record<string, Duration>>;
}

/**
 * What every REST API of the shop has, whatever it serves (created in `scope` as `Api`, `AccessLogs` and
 * `Validator`): regional, one stage, traced with X-Ray, throttled at the stage's limits, one JSON
 * access-log line per request in its own log group, a validator of bodies and parameters for its
 * methods, and the execution-logging acknowledgement (below).
 */
export function observedRestApi(
  scope: Construct,
  config: StageConfig,
  props: ObservedRestApiProps,
): { api: apigw.RestApi; accessLogs: logs.LogGroup; validator: apigw.RequestValidator } {
  const accessLogs = new logs.LogGroup(scope, 'AccessLogs', {
    retention: config.logs.retention,
    removalPolicy: config.logs.removalPolicy,
  });
  const api = new apigw.RestApi(scope, 'Api', {
    restApiName: props.restApiName,
    description: props.description,
    endpointTypes: [apigw.EndpointType.REGIONAL],
    cloudWatchRole: false,
    deployOptions: {
      stageName: props.stageName,
      tracingEnabled: true,
      throttlingRateLimit: config.api.throttle.rateLimit,
      throttlingBurstLimit: config.api.throttle.burstLimit,
      accessLogDestination: new apigw.LogGroupLogDestination(accessLogs),
      accessLogFormat: apigw.AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      ...(props.cache
        ? {
            cacheClusterEnabled: true,
            cacheClusterSize: '0.5',
            methodOptions: Object.fromEntries(
              Object.entries(props.cache).map(([method, ttl]) => [
                method,
                { cachingEnabled: true, cacheTtl: ttl, cacheDataEncrypted: true },
              ]),
            ),
          }
        : {}),
    },
    ...(props.defaultMethodOptions ? { defaultMethodOptions: props.defaultMethodOptions } : {}),
    ...(props.corsPreflight ? { defaultCorsPreflightOptions: props.corsPreflight } : {}),
  });
  const validator = new apigw.RequestValidator(scope, 'Validator', {
    restApi: api,
    validateRequestBody: true,
    validateRequestParameters: true,
  });
  if (!props.ownGatewayResponses) addSecurityHeadersToGatewayResponses(api);
  acknowledgeExecutionLogging(api);
  return { api, accessLogs, validator };
}

/**
 * A function of another stack, imported by ARN so that its invoke permission lives with the API: the
 * function's stack then never depends on the API's (no cross-stack cycle).
 */
export function importFunction(scope: Construct, id: string, fn: lambda.IFunction): lambda.IFunction {
  return lambda.Function.fromFunctionAttributes(scope, id, {
    functionArn: fn.functionArn,
    sameEnvironment: true,
  });
}

/** An alarm on the API's server errors (5XX) per 5 minutes, at the stage's threshold. */
export function serverErrorsAlarm(
  scope: Construct,
  api: apigw.RestApi,
  config: StageConfig,
  description: string,
): cloudwatch.Alarm {
  return new cloudwatch.Alarm(scope, 'ServerErrorsAlarm', {
    alarmDescription: description,
    metric: api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
    threshold: config.alarms.api5xxPerPeriod,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
}

/**
 * The security headers on every error API Gateway answers itself: DEFAULT_4XX and DEFAULT_5XX apply to
 * every type not customised on its own, and with no template the type's own status and body stay.
 */
function addSecurityHeadersToGatewayResponses(api: apigw.RestApi): void {
  for (const type of [apigw.ResponseType.DEFAULT_4XX, apigw.ResponseType.DEFAULT_5XX]) {
    api.addGatewayResponse(`Secure${type.responseType}`, {
      type,
      responseHeaders: staticHeaderMappings(SECURITY_HEADERS),
    });
  }
}

/** Header values as gateway responses map a constant: in single quotes. */
export function staticHeaderMappings(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, `'${value}'`]));
}

/** The same for every API: execution logging would need the account-wide API Gateway role. */
function acknowledgeExecutionLogging(api: apigw.RestApi): void {
  Validations.of(api).acknowledge({
    id: 'AwsSolutions-APIG6',
    reason:
      'Execution logging needs the account-wide AWS::ApiGateway::Account role, which one stack per stage cannot own without fighting other stages; JSON access logs are on.',
  });
}

/** One JSON object per request; `requestId` joins it to the function's logs (`apiRequestId`). */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  extendedRequestId: '$context.extendedRequestId',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  requestTime: '$context.requestTime',
  method: '$context.httpMethod',
  resourcePath: '$context.resourcePath',
  path: '$context.path',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  integrationStatus: '$context.integration.status',
  errorType: '$context.error.responseType',
  errorMessage: '$context.error.message',
  xrayTraceId: '$context.xrayTraceId',
};
