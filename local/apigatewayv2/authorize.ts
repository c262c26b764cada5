import type { UserPoolTokenVerifier } from '../apigateway/user-pool-authorizer';
import type { LambdaService } from '../lambda/types';
import type { EventContext, HttpApiRequest } from './http-api-events';
import { eventV2 } from './http-api-events';
import type { JwtAuthorizerModel, LambdaAuthorizerModel } from './http-api-model';

/** What an authorizer decided: the request goes on with what it adds to the event, or it is refused. */
export type Decision =
  | { readonly allow: true; readonly authorizer?: EventContext['authorizer'] }
  | { readonly allow: false; readonly status: 401 | 403 | 500 };

/** `$request.header.Authorization`, `$request.querystring.token`, ... read from the request. */
export function identityValues(
  request: HttpApiRequest,
  sources: readonly string[],
): Array<string | undefined> {
  const query = new URLSearchParams(request.rawQueryString);
  return sources.map((source) => {
    const header = /^\$request\.header\.(.+)$/i.exec(source)?.[1];
    if (header) return request.headers.find(([name]) => name === header.toLowerCase())?.[1];
    const param = /^\$request\.querystring\.(.+)$/i.exec(source)?.[1];
    if (param) return query.get(param) ?? undefined;
    return undefined;
  });
}

/**
 * A JWT authorizer as HTTP APIs run one: the token from its identity source (a `Bearer ` prefix is
 * dropped), signed by the issuer's key (here: a local user pool's, checked by the local Cognito),
 * not expired, `iss` equal to the configured issuer, `aud` (an ID token) or `client_id` (an access token)
 * one of the audiences; then the route's scopes, from `scope` or `scp`: none of them is 403.
 */
export function authorizeJwt(
  authorizer: JwtAuthorizerModel,
  scopes: readonly string[],
  request: HttpApiRequest,
  verifier: UserPoolTokenVerifier | undefined,
  nowMs: number,
): Decision {
  const raw = identityValues(request, authorizer.identitySource)[0];
  const token = raw?.trim().replace(/^Bearer\s+/i, '');
  const verified = token && verifier ? verifier.verify(token, nowMs) : undefined;
  if (!verified) return { allow: false, status: 401 };
  const { claims } = verified;
  const audience = [claims.aud, claims.client_id]
    .flat()
    .filter((value) => typeof value === 'string') as string[];
  if (claims.iss !== authorizer.issuer || !audience.some((value) => authorizer.audience.includes(value)))
    return { allow: false, status: 401 };
  const granted = [
    ...(typeof claims.scope === 'string' ? claims.scope.split(' ') : []),
    ...(Array.isArray(claims.scp) ? claims.scp.map(String) : []),
  ];
  if (scopes.length > 0 && !scopes.some((scope) => granted.includes(scope)))
    return { allow: false, status: 403 };
  return {
    allow: true,
    authorizer: { jwt: { claims: { ...claims }, scopes: granted.length > 0 ? granted : null } },
  };
}

/**
 * A Lambda REQUEST authorizer (payload 2.0 or 1.0). A request without every identity source is 401 before
 * the function runs. Simple responses say `{ isAuthorized, context }`; IAM policy responses allow when a
 * statement allows `execute-api:Invoke` and none denies. A failing authorizer is 500. Decisions are
 * cached by the identity values for the authorizer's TTL.
 */
export class LambdaAuthorizers {
  private readonly cache = new Map<string, { decision: Decision; until: number }>();

  constructor(
    private readonly lambda: LambdaService,
    private readonly now: () => number = Date.now,
  ) {}

  async decide(
    authorizer: LambdaAuthorizerModel,
    request: HttpApiRequest,
    context: EventContext,
    routeArn: string,
  ): Promise<Decision> {
    const identity = identityValues(request, authorizer.identitySource);
    if (identity.some((value) => value === undefined || value === '')) return { allow: false, status: 401 };
    const key = `${authorizer.functionArn}|${context.routeKey}|${identity.join('\u0000')}`;
    const cached = authorizer.ttlSeconds > 0 ? this.cache.get(key) : undefined;
    if (cached && cached.until > this.now()) return cached.decision;
    const event =
      authorizer.payloadFormatVersion === '2.0'
        ? { ...eventV2(request, context), type: 'REQUEST', routeArn, identitySource: identity }
        : {
            version: '1.0',
            type: 'REQUEST',
            methodArn: routeArn,
            identitySource: identity.join(','),
            ...eventV2(request, context),
          };
    const result = await this.lambda.invoke(authorizer.functionArn, event);
    const decision: Decision = result.ok
      ? decisionOf(authorizer, result.payload)
      : { allow: false, status: 500 };
    if (authorizer.ttlSeconds > 0 && decision.allow !== undefined)
      this.cache.set(key, { decision, until: this.now() + authorizer.ttlSeconds * 1000 });
    return decision;
  }
}

function decisionOf(authorizer: LambdaAuthorizerModel, payload: unknown): Decision {
  const answer = (payload ?? {}) as {
    isAuthorized?: unknown;
    context?: Record<string, unknown>;
    policyDocument?: { Statement?: Array<{ Effect?: string; Action?: unknown }> };
  };
  if (authorizer.simpleResponses) {
    if (typeof answer.isAuthorized !== 'boolean') return { allow: false, status: 500 };
    return answer.isAuthorized
      ? { allow: true, authorizer: { lambda: { ...(answer.context ?? {}) } } }
      : { allow: false, status: 403 };
  }
  const statements = answer.policyDocument?.Statement;
  if (!Array.isArray(statements)) return { allow: false, status: 500 };
  const invoke = (s: { Action?: unknown }) =>
    [s.Action].flat().some((a) => a === 'execute-api:Invoke' || a === '*');
  const allowed =
    statements.some((s) => s.Effect === 'Allow' && invoke(s)) &&
    !statements.some((s) => s.Effect === 'Deny' && invoke(s));
  return allowed
    ? { allow: true, authorizer: { lambda: { ...(answer.context ?? {}) } } }
    : { allow: false, status: 403 };
}
