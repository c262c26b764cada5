import type { RequestContext } from '../iam/policy-conditions';
import { combineDecisions, type PolicyDecision } from '../iam/policy-evaluation';
import type { LambdaService } from '../lambda/types';
import { TtlCache } from '../shared/ttl-cache';
import { evaluatePolicy, isValidPolicyDocument } from './authorizer-policy';
import { GatewayError } from './gateway-error';
import type { IncomingApiRequest } from './incoming-request';
import type { InvocationContext, LambdaAuthorizerContext } from './invocation-context';
import { forwardedHeaders, type ProxyEventInput, proxyRequestContext } from './proxy-event';
import { isRecord } from './resource-properties';
import type { LambdaAuthorizerModel } from './rest-api-model';

/** What a successful authorizer gives the rest of the request. */
export interface Authorization {
  readonly authorizer: LambdaAuthorizerContext;
  /** The `usageIdentifierKey`, used as the API key when the API's key source is AUTHORIZER. */
  readonly usageIdentifierKey?: string;
}

export interface AuthorizerOutput {
  readonly principalId: string;
  readonly policyDocument: unknown;
  readonly context: Readonly<Record<string, string>>;
  readonly usageIdentifierKey?: string;
}

/** What the authorizer's policy is evaluated with. */
export interface AuthorizerPolicyInput {
  /** The request's condition keys. */
  readonly context?: RequestContext;
  /** The API's resource policy's decision for this call, weighed with the authorizer's policy. */
  readonly resourcePolicy?: PolicyDecision;
  /** Told of policy statements that matched nothing because AWS would have refused them. */
  readonly onProblem?: (problem: string) => void;
}

const unauthorized = () => new GatewayError('UNAUTHORIZED', 'Unauthorized');
/** What API Gateway answers when the authorizer function fails or returns something unusable. */
const configurationError = () => new GatewayError('AUTHORIZER_CONFIGURATION_ERROR', null);

/**
 * Lambda authorizers (TOKEN and REQUEST) of one API: gathers the identity sources, calls the authorizer
 * function through the local Lambda service with the event API Gateway sends, caches its result by identity
 * for `resultTtlSeconds`, and evaluates the returned policy against the method ARN of each request (a cached
 * policy is re-evaluated for every method it is used for, as in AWS).
 */
export class LambdaAuthorizers {
  private readonly cache: TtlCache<AuthorizerOutput>;

  constructor(
    private readonly lambda: LambdaService,
    private readonly now: () => number = Date.now,
  ) {
    this.cache = new TtlCache(now);
  }

  async authorize(
    authorizer: LambdaAuthorizerModel,
    arn: string,
    request: IncomingApiRequest,
    eventInput: ProxyEventInput,
    policy: AuthorizerPolicyInput = {},
  ): Promise<Authorization | GatewayError> {
    const { context } = eventInput;
    const values = authorizer.identitySources.map((source) => identityValue(source, request, context));
    const caching = authorizer.resultTtlSeconds > 0;
    if (authorizer.type === 'TOKEN') {
      const token = values[0];
      if (!token) return unauthorized();
      const expression = authorizer.identityValidationExpression;
      if (expression && !new RegExp(`^(?:${expression})$`).test(token)) return unauthorized();
    } else if (caching && values.some((value) => !value)) {
      // With caching on, every identity source of a REQUEST authorizer must be present (it is the cache key).
      return unauthorized();
    }

    const cacheKey = `${authorizer.id}\u0000${values.join('\u0000')}`;
    const cached = caching ? this.cache.get(cacheKey) : undefined;
    let output: AuthorizerOutput;
    let integrationLatency = 0;
    if (cached) {
      output = cached;
    } else {
      const started = this.now();
      const event =
        authorizer.type === 'TOKEN'
          ? { type: 'TOKEN', authorizationToken: values[0], methodArn: arn }
          : requestAuthorizerEvent(arn, request, eventInput);
      let result: Awaited<ReturnType<LambdaService['invoke']>>;
      try {
        result = await this.lambda.invoke(authorizer.functionArn, event, {
          traceHeader: context.traceHeader,
        });
      } catch {
        return configurationError();
      }
      integrationLatency = this.now() - started;
      if (!result.ok)
        return result.payload.errorMessage === 'Unauthorized' ? unauthorized() : configurationError();
      const parsed = parseOutput(result.payload);
      if (!parsed) return configurationError();
      output = parsed;
      if (caching) this.cache.set(cacheKey, output, authorizer.resultTtlSeconds * 1000);
    }

    // The API's resource policy weighs in (table A): either may allow, any explicit Deny refuses.
    const decision = combineDecisions([
      evaluatePolicy(output.policyDocument, arn, 'execute-api:Invoke', {
        ...(policy.context ? { context: policy.context } : {}),
        ...(policy.onProblem ? { onProblem: policy.onProblem } : {}),
      }),
      policy.resourcePolicy ?? 'NO_MATCH',
    ]);
    if (decision === 'DENY') {
      return new GatewayError(
        'ACCESS_DENIED',
        'User is not authorized to access this resource with an explicit deny',
      );
    }
    if (decision === 'NO_MATCH')
      return new GatewayError('ACCESS_DENIED', 'User is not authorized to access this resource');
    return {
      authorizer: { principalId: output.principalId, context: output.context, integrationLatency },
      ...(output.usageIdentifierKey ? { usageIdentifierKey: output.usageIdentifierKey } : {}),
    };
  }
}

/** `method.request.header.X`, `method.request.querystring.x`, `stageVariables.x`, `context.x`. */
export function identityValue(
  source: string,
  request: IncomingApiRequest,
  context: InvocationContext,
): string | undefined {
  const [, kind, name] =
    /^method\.request\.(header|querystring|multivalueheader|multivaluequerystring)\.(.+)$/.exec(source) ?? [];
  let value: string | undefined;
  if (kind === 'header' || kind === 'multivalueheader')
    value = request.headerValues(name ?? '').join(',') || undefined;
  else if (kind) value = request.queryParameter(name ?? '');
  else if (source.startsWith('stageVariables.'))
    value = context.stageVariables[source.slice('stageVariables.'.length)];
  else if (source.startsWith('context.')) value = context.variable(source.slice('context.'.length));
  return value === undefined || value.trim() === '' ? undefined : value;
}

function requestAuthorizerEvent(arn: string, request: IncomingApiRequest, input: ProxyEventInput) {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [name, value] of forwardedHeaders(request, input.context)) {
    headers[name] = value;
    multiValueHeaders[name] = [...(multiValueHeaders[name] ?? []), value];
  }
  const queryStringParameters: Record<string, string> = {};
  const multiValueQueryStringParameters: Record<string, string[]> = {};
  for (const [name, value] of request.queryList) {
    queryStringParameters[name] = value;
    multiValueQueryStringParameters[name] = [...(multiValueQueryStringParameters[name] ?? []), value];
  }
  return {
    type: 'REQUEST',
    methodArn: arn,
    resource: input.resourcePath,
    path: request.pathWithoutStage,
    httpMethod: input.context.httpMethod,
    headers,
    multiValueHeaders,
    queryStringParameters,
    multiValueQueryStringParameters,
    pathParameters: { ...input.pathParameters },
    stageVariables: { ...input.context.stageVariables },
    requestContext: proxyRequestContext(input),
  };
}

/**
 * API Gateway needs a principal id and a policy; context values must be strings, numbers or booleans.
 * REST APIs' and WebSocket APIs' Lambda authorizers answer alike.
 */
export function parseOutput(payload: unknown): AuthorizerOutput | undefined {
  if (!isRecord(payload)) return undefined;
  const { principalId, policyDocument, context = {}, usageIdentifierKey } = payload;
  if (typeof principalId !== 'string' && typeof principalId !== 'number') return undefined;
  if (!isValidPolicyDocument(policyDocument)) return undefined;
  if (context !== null && !isRecord(context)) return undefined;
  const stringified: Record<string, string> = {};
  for (const [key, value] of Object.entries(context ?? {})) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
      return undefined;
    stringified[key] = String(value);
  }
  return {
    principalId: String(principalId),
    policyDocument,
    context: stringified,
    ...(typeof usageIdentifierKey === 'string' ? { usageIdentifierKey } : {}),
  };
}
