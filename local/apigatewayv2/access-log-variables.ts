import { clfTime } from '../apigateway/invocation-context';
import type { VariableSource } from '../apigateway/template-variables';
import type { EventContext, HttpApiRequest } from './http-api-events';

/**
 * The console's CLF preset for HTTP APIs: the line the trace shows for a stage without an
 * `AccessLogSettings.Format` (AWS would log nothing there).
 */
export const HTTP_API_ACCESS_LOG_FORMAT =
  '$context.identity.sourceIp - - [$context.requestTime] "$context.httpMethod $context.routeKey $context.protocol" ' +
  '$context.status $context.responseLength $context.requestId';

/**
 * What an HTTP API's access log may say about one request (AWS's "Customizing HTTP API access logs"),
 * filled in as the request goes through the gateway; read by the shared access log formatter.
 */
export class HttpApiLogVariables implements VariableSource {
  stageVariables: Readonly<Record<string, string>> = {};
  /** The stage the path is under, known before (and without) a route. */
  stage?: string;
  context?: EventContext;
  status = 0;
  responseLength = 0;
  responseLatency?: number;
  /** Lambda's own status for the invoke (200 when it ran, whatever the function did). */
  integrationStatus?: number;
  /** The status code the function answered. */
  functionStatus?: number;
  integrationLatency?: number;
  integrationError?: string;
  errorMessage?: string;
  authorizerError?: string;

  constructor(
    readonly request: HttpApiRequest,
    readonly requestId: string,
    readonly apiId: string,
    readonly accountId: string,
  ) {}

  variable(name: string): string | undefined {
    const text = (value: number | string | undefined) => (value === undefined ? undefined : String(value));
    const { request, context } = this;
    const authorizer = context?.authorizer;
    const claim = /^authorizer\.claims\.(.+)$/.exec(name)?.[1];
    if (claim !== undefined)
      return authorizer && 'jwt' in authorizer ? text(authorizer.jwt.claims[claim]) : undefined;
    const property = /^authorizer\.(.+)$/.exec(name)?.[1];
    if (property !== undefined && property !== 'error' && authorizer && 'lambda' in authorizer)
      return text(authorizer.lambda[property] as string | undefined);
    const values: Record<string, string | number | undefined> = {
      accountId: this.accountId,
      apiId: this.apiId,
      'authorizer.error': this.authorizerError,
      domainName: context?.domainName,
      domainPrefix: context?.domainName.split('.')[0],
      'error.message': this.errorMessage,
      'error.messageString': this.errorMessage === undefined ? undefined : `"${this.errorMessage}"`,
      extendedRequestId: this.requestId,
      httpMethod: request.method,
      'identity.sourceIp': request.sourceIp,
      'identity.userAgent': request.headers.find(([n]) => n === 'user-agent')?.[1],
      'identity.userArn': authorizer && 'iam' in authorizer ? authorizer.iam.userArn : undefined,
      'identity.caller': authorizer && 'iam' in authorizer ? authorizer.iam.callerId : undefined,
      'integration.error': this.integrationError,
      integrationErrorMessage: this.integrationError,
      'integration.integrationStatus': this.integrationStatus,
      integrationStatus: this.integrationStatus,
      'integration.latency': this.integrationLatency,
      integrationLatency: this.integrationLatency,
      'integration.status': this.functionStatus,
      path: request.rawPath,
      protocol: 'HTTP/1.1',
      requestId: this.requestId,
      requestTime: clfTime(request.receivedAt.getTime()),
      requestTimeEpoch: request.receivedAt.getTime(),
      responseLatency: this.responseLatency,
      responseLength: this.responseLength,
      routeKey: context?.routeKey,
      stage: this.stage,
      status: this.status,
    };
    return text(values[name]);
  }
}
