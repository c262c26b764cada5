import { randomBytes, randomUUID } from 'node:crypto';
import { formatTraceHeader, newTraceRoot, parseTraceHeader } from '../shared/trace-header';
import type { GatewayError } from './gateway-error';
import type { IamCaller } from './iam-authorization';
import type { CacheOutcome } from './response-caching';

/** What the method's authorizer found out about the caller. */
export type AuthorizerContext = LambdaAuthorizerContext | UserPoolAuthorizerContext;

export interface LambdaAuthorizerContext {
  readonly principalId: string;
  /** The authorizer's `context`, values stringified as API Gateway passes them to a proxy integration. */
  readonly context: Readonly<Record<string, string>>;
  readonly integrationLatency: number;
}

/** A `COGNITO_USER_POOLS` authorizer's result: the token's claims, every value a string. */
export interface UserPoolAuthorizerContext {
  readonly claims: Readonly<Record<string, string>>;
}

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `$context.requestTime`: CLF format, `04/Mar/2020:19:15:17 +0000`. */
export function clfTime(epochMs: number): string {
  const date = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${two(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`
  );
}

/**
 * The `X-Amzn-Trace-Id` API Gateway passes on: the client's trace continued (its root and sampling
 * decision kept), else a new root.
 */
function traceHeaderFor(epochMs: number, clientHeader: string | undefined): string {
  const client = parseTraceHeader(clientHeader);
  return formatTraceHeader({
    root: client?.root ?? newTraceRoot(epochMs),
    ...(client?.sampled ? { sampled: client.sampled } : {}),
  });
}

/**
 * The `$context` of one request: what API Gateway knows about it as it moves through the pipeline. Stages
 * fill it in (routing sets the resource, the authorizer its principal...), and the proxy event, gateway
 * response templates and the access log all read from it.
 */
export class InvocationContext {
  readonly requestId = randomUUID();
  /** API Gateway's own id for the request (`x-amz-apigw-id`), 16 characters of base64. */
  readonly extendedRequestId = `${randomBytes(11).toString('base64url').slice(0, 15)}=`;
  readonly requestTime: string;
  readonly traceHeader: string;
  stage = '';
  deploymentId = '';
  stageVariables: Readonly<Record<string, string>> = {};
  tracingEnabled = false;
  resourcePath?: string;
  resourceId?: string;
  operationName?: string;
  apiKey?: string;
  apiKeyId?: string;
  /** The SigV4 signer of a request to an IAM-authorized method. */
  iamCaller?: IamCaller;
  authorizer?: AuthorizerContext;
  error?: GatewayError;
  status?: number;
  responseLength?: number;
  responseLatency?: number;
  integrationLatency?: number;
  integrationStatus?: number;
  /** What the stage cache did for the request (nothing when the method is not cached). */
  cacheOutcome?: CacheOutcome;

  constructor(
    readonly apiId: string,
    readonly accountId: string,
    readonly requestTimeEpoch: number,
    readonly httpMethod: string,
    /** The request path including the stage, as the client sent it (`/v1/orders`). */
    readonly path: string,
    readonly protocol: string,
    readonly sourceIp: string,
    readonly userAgent: string | undefined,
    readonly domainName: string,
    /** The client's own `X-Amzn-Trace-Id`, if it sent one. */
    clientTraceHeader?: string,
  ) {
    this.requestTime = clfTime(requestTimeEpoch);
    this.traceHeader = traceHeaderFor(requestTimeEpoch, clientTraceHeader);
  }

  /** The first label of the host, or the API id when the host is an IP address (as locally it usually is). */
  get domainPrefix(): string {
    const host = this.domainName.replace(/:\d+$/, '');
    return /^[\d.]+$|^\[|:/.test(host) ? this.apiId : (host.split('.')[0] ?? this.apiId);
  }

  /** The Lambda authorizer's result, if a Lambda authorizer admitted the request. */
  get lambdaAuthorizer(): LambdaAuthorizerContext | undefined {
    return this.authorizer && 'principalId' in this.authorizer ? this.authorizer : undefined;
  }

  get xrayTraceId(): string | undefined {
    return this.tracingEnabled ? parseTraceHeader(this.traceHeader)?.root : undefined;
  }

  /**
   * `$context.<name>`: the value, or undefined when API Gateway would have none for this request. Names
   * follow API Gateway's context variable reference.
   */
  variable(name: string): string | undefined {
    const text = (value: number | string | undefined) => (value === undefined ? undefined : String(value));
    const error = this.error;
    switch (name) {
      case 'requestId':
      case 'awsEndpointRequestId':
        return this.requestId;
      case 'extendedRequestId':
        return this.extendedRequestId;
      case 'requestTime':
        return this.requestTime;
      case 'requestTimeEpoch':
        return String(this.requestTimeEpoch);
      case 'apiId':
        return this.apiId;
      case 'accountId':
        return this.accountId;
      case 'stage':
        return this.stage || undefined;
      case 'deploymentId':
        return this.deploymentId || undefined;
      case 'domainName':
        return this.domainName;
      case 'domainPrefix':
        return this.domainPrefix;
      case 'httpMethod':
        return this.httpMethod;
      case 'path':
        return this.path;
      case 'protocol':
        return this.protocol;
      case 'resourcePath':
        return this.resourcePath;
      case 'resourceId':
        return this.resourceId;
      case 'operationName':
        return this.operationName;
      case 'identity.sourceIp':
        return this.sourceIp;
      case 'identity.userAgent':
        return this.userAgent;
      case 'identity.apiKey':
        return this.apiKey;
      case 'identity.apiKeyId':
        return this.apiKeyId;
      case 'identity.accessKey':
        return this.iamCaller?.accessKey;
      case 'authorizer.principalId':
        return this.lambdaAuthorizer?.principalId;
      case 'authorizer.integrationLatency':
        return text(this.lambdaAuthorizer?.integrationLatency);
      case 'error.message':
        return error ? (error.errorMessage ?? undefined) : undefined;
      case 'error.messageString':
        // The message as a JSON string literal (quotes included), so templates can embed it unquoted.
        return error ? JSON.stringify(error.errorMessage) : undefined;
      case 'error.responseType':
        return error?.responseType;
      case 'error.validationErrorString':
        return error?.options.validationErrorString;
      case 'status':
        return text(this.status);
      case 'responseLength':
        return text(this.responseLength);
      case 'responseLatency':
        return text(this.responseLatency);
      case 'integrationLatency':
      case 'integration.latency':
        return text(this.integrationLatency);
      case 'integrationStatus':
      case 'integration.status':
      case 'integration.integrationStatus':
        return text(this.integrationStatus);
      case 'xrayTraceId':
        return this.xrayTraceId;
      default:
        if (name.startsWith('authorizer.claims.') && this.authorizer && 'claims' in this.authorizer)
          return this.authorizer.claims[name.slice('authorizer.claims.'.length)];
        if (name.startsWith('authorizer.'))
          return this.lambdaAuthorizer?.context[name.slice('authorizer.'.length)];
        return undefined;
    }
  }
}
