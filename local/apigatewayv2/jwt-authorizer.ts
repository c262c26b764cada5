import { bearerToken, type UserPoolTokenVerifier } from '../apigateway/user-pool-authorizer';
import { type Decision, refused } from './decision';
import type { EventContext, HttpApiRequest } from './http-api-events';
import type { JwtAuthorizerModel } from './http-api-model';
import { identityValues } from './identity-sources';

/** The header AWS answers a refused JWT with, naming what was wrong with it. */
const invalidToken = (description: string): Decision =>
  refused(401, {
    wwwAuthenticate: `Bearer scope="" error="invalid_token" error_description="${description}"`,
  });

/**
 * A JWT authorizer as HTTP APIs run one (AWS's "Authorizing API requests with a JWT authorizer"): the
 * token from the identity source, raw or after `Bearer `; its RS256 signature by a key of the issuer's
 * JWKS (here the local user pools' keys, checked by the local Cognito, which also wants `exp` ahead);
 * `iss` equal to the configured issuer; `aud`, or `client_id` when there is no `aud`, one of the
 * audiences; `nbf` and `iat` not in the future. Any of these failing is 401 `Unauthorized`. Then a route
 * with scopes wants one of them in `scope` (space-separated) or `scp` (a list): none is 403 `Forbidden`.
 * The claims and the scopes reach the integration's event.
 */
export function authorizeJwt(
  authorizer: JwtAuthorizerModel,
  routeScopes: readonly string[],
  request: HttpApiRequest,
  context: EventContext,
  verifier: UserPoolTokenVerifier | undefined,
  nowMs: number,
): Decision {
  const token = bearerToken(identityValues(request, authorizer.identitySource, context)[0]);
  if (!token) return refused(401);
  const verified = verifier?.verify(token, nowMs);
  if (!verified)
    return invalidToken("the token could not be verified with the issuer's keys, or has expired");
  const { claims } = verified;
  if (claims.iss !== authorizer.issuer) return invalidToken('the token does not have a valid issuer');
  // AWS looks at client_id only when the token has no aud (an access token of Cognito has none).
  const audience = claims.aud !== undefined ? [claims.aud].flat() : [claims.client_id];
  if (!audience.some((value) => typeof value === 'string' && authorizer.audience.includes(value)))
    return invalidToken('the token does not have a valid audience');
  const nowSeconds = nowMs / 1000;
  if (typeof claims.nbf === 'number' && claims.nbf > nowSeconds)
    return invalidToken('the token is not valid yet');
  if (typeof claims.iat === 'number' && claims.iat > nowSeconds)
    return invalidToken('the token was issued in the future');
  const granted = [
    ...(typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : []),
    ...(Array.isArray(claims.scp) ? claims.scp.map(String) : []),
  ];
  if (routeScopes.length > 0 && !routeScopes.some((scope) => granted.includes(scope))) return refused(403);
  return {
    allow: true,
    authorizer: { jwt: { claims: claimStrings(claims), scopes: routeScopes.length > 0 ? granted : null } },
  };
}

/**
 * The claims as HTTP APIs pass them on: every value a string (`"exp": "1612061676"`), a list as
 * `[a b]`. Scopes are `null` on a route that asks for none, as events from AWS show them.
 */
function claimStrings(claims: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) out[name] = `[${value.map(String).join(' ')}]`;
    else out[name] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return out;
}
