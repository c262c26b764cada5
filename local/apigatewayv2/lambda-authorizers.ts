import { evaluatePolicy, isValidPolicyDocument, regionOf } from '../apigateway/authorizer-policy';
import { apiCallContext } from '../apigateway/policy-context';
import { isRecord } from '../apigateway/resource-properties';
import type { LambdaService } from '../lambda/types';
import { TtlCache } from '../shared/ttl-cache';
import { type Decision, refused } from './decision';
import { type EventContext, eventV1, eventV2, type HttpApiRequest } from './http-api-events';
import type { LambdaAuthorizerModel } from './http-api-model';
import { identityValues } from './identity-sources';

/** What an authorizer function answered, once it is known to be usable (and so worth caching). */
type AuthorizerAnswer =
  | { readonly kind: 'simple'; readonly isAuthorized: boolean; readonly context: Record<string, unknown> }
  | { readonly kind: 'policy'; readonly policyDocument: unknown; readonly context: Record<string, unknown> };

/**
 * The Lambda (REQUEST) authorizers of one HTTP API, as AWS's "Working with AWS Lambda authorizers for
 * HTTP APIs" describes them:
 *
 * - a request without every identity source is 401 before the function runs;
 * - the function gets the 2.0 event (`routeArn`, `identitySource` as a list) or the 1.0 one (REST's
 *   shape: `methodArn`, `identitySource` and `authorizationToken` comma-joined);
 * - it answers `{ isAuthorized, context }` (simple responses) or an IAM policy, which is evaluated
 *   against the route's ARN as IAM does (REST's evaluator: a deny wins, nothing matching denies): 403;
 * - a failing function or an answer of neither shape is 500, and is not cached;
 * - with a TTL and at least one identity source, the answer is cached by the identity values alone, so
 *   it serves every route using the authorizer (a policy is evaluated again for each route's ARN).
 */
export class LambdaAuthorizers {
  private readonly cache: TtlCache<AuthorizerAnswer>;

  constructor(
    private readonly lambda: LambdaService,
    private readonly now: () => number = Date.now,
    /** Policy statements that matched nothing because AWS would have refused them. */
    private readonly onPolicyProblem?: (problem: string) => void,
  ) {
    this.cache = new TtlCache(now);
  }

  async decide(
    authorizer: LambdaAuthorizerModel,
    request: HttpApiRequest,
    context: EventContext,
    /** `arn:aws:execute-api:<region>:<account>:<api>/<stage>/<METHOD>/<path within the stage>`. */
    routeArn: string,
  ): Promise<Decision> {
    const identity = identityValues(request, authorizer.identitySource, context);
    if (identity.some((value) => value === undefined || value === '')) return refused(401);
    const caching = authorizer.ttlSeconds > 0 && authorizer.identitySource.length > 0;
    const key = `${authorizer.id}\u0000${identity.join('\u0000')}`;
    let answer = caching ? this.cache.get(key) : undefined;
    if (!answer) {
      const values = identity as string[];
      const event =
        authorizer.payloadFormatVersion === '2.0'
          ? authorizerEventV2(request, context, routeArn, values)
          : authorizerEventV1(request, context, routeArn, values);
      const result = await this.lambda.invoke(authorizer.functionArn, event);
      answer = result.ok ? answerOf(authorizer, result.payload) : undefined;
      if (!answer) return refused(500);
      if (caching) this.cache.set(key, answer, authorizer.ttlSeconds * 1000);
    }
    const allowed =
      answer.kind === 'simple'
        ? answer.isAuthorized
        : evaluatePolicy(answer.policyDocument, routeArn, 'execute-api:Invoke', {
            context: apiCallContext({
              now: this.now(),
              region: regionOf(routeArn),
              sourceIp: request.sourceIp,
              header: (name) => request.headers.find(([header]) => header.toLowerCase() === name)?.[1],
            }),
            ...(this.onPolicyProblem ? { onProblem: this.onPolicyProblem } : {}),
          }) === 'ALLOW';
    return allowed ? { allow: true, authorizer: { lambda: { ...answer.context } } } : refused(403);
  }
}

/** The 2.0 authorizer event: the integration's 2.0 event without the body, with the route's ARN. */
function authorizerEventV2(
  request: HttpApiRequest,
  context: EventContext,
  routeArn: string,
  identity: string[],
): Record<string, unknown> {
  const { body: _body, isBase64Encoded: _base64, version, ...rest } = eventV2(request, context);
  return { version, type: 'REQUEST', routeArn, identitySource: identity, ...rest };
}

/** The 1.0 authorizer event: REST's REQUEST authorizer shape, the identity values comma-joined. */
function authorizerEventV1(
  request: HttpApiRequest,
  context: EventContext,
  routeArn: string,
  identity: string[],
): Record<string, unknown> {
  const event = eventV1(request, context);
  return {
    version: '1.0',
    type: 'REQUEST',
    methodArn: routeArn,
    identitySource: identity.join(','),
    authorizationToken: identity.join(','),
    resource: event.resource,
    path: event.path,
    httpMethod: event.httpMethod,
    headers: event.headers,
    queryStringParameters: event.queryStringParameters ?? {},
    pathParameters: event.pathParameters ?? {},
    stageVariables: event.stageVariables ?? {},
    requestContext: event.requestContext,
  };
}

/** A simple response where the authorizer has them on, else an IAM policy; undefined for anything else. */
function answerOf(authorizer: LambdaAuthorizerModel, payload: unknown): AuthorizerAnswer | undefined {
  if (!isRecord(payload)) return undefined;
  const context = isRecord(payload.context) ? payload.context : {};
  if (authorizer.simpleResponses && typeof payload.isAuthorized === 'boolean')
    return { kind: 'simple', isAuthorized: payload.isAuthorized, context };
  if (isValidPolicyDocument(payload.policyDocument))
    return { kind: 'policy', policyDocument: payload.policyDocument, context };
  return undefined;
}
