import { bearerToken, type UserPoolTokenVerifier } from '../apigateway/user-pool-authorizer';
import { decodeJwt, isSignedAndCurrent, type JwtClaims } from '../cognito/jwt';
import { type Decision, refused } from './decision';
import type { EventContext, HttpApiRequest } from './http-api-events';
import type { JwtAuthorizerModel } from './http-api-model';
import { identityValues } from './identity-sources';
import type { IssuerKeys } from './issuer-keys';

/** Where a JWT authorizer finds the keys that sign its tokens. */
export interface JwtKeys {
  /** The local user pools: their tokens are checked with their own keys, nothing fetched. */
  readonly userPools?: UserPoolTokenVerifier;
  /** Any other issuer's keys, from its JWKS. */
  readonly issuerKeys?: IssuerKeys;
}

/** The header AWS answers a refused JWT with, naming what was wrong with it. */
const invalidToken = (description: string): Decision =>
  refused(401, {
    wwwAuthenticate: `Bearer scope="" error="invalid_token" error_description="${description}"`,
  });

/**
 * A JWT authorizer as HTTP APIs run one (AWS's "Authorizing API requests with a JWT authorizer"): the
 * token from the identity source, raw or after `Bearer `; its RS256 signature by the key its `kid` names
 * in the issuer's JWKS (a local user pool's own key, checked by the local Cognito; another issuer's
 * fetched from its discovery document) and `exp` ahead; `iss` equal to the configured issuer; `aud`, or
 * `client_id` when there is no `aud`, one of the audiences; `nbf` and `iat` not in the future. Any of
 * these failing is 401 `Unauthorized`. Then a route with scopes wants one of them in `scope`
 * (space-separated) or `scp` (a list): none is 403 `Forbidden`. The claims and the scopes reach the
 * integration's event.
 */
export async function authorizeJwt(
  authorizer: JwtAuthorizerModel,
  routeScopes: readonly string[],
  request: HttpApiRequest,
  context: EventContext,
  keys: JwtKeys,
  nowMs: number,
): Promise<Decision> {
  const token = bearerToken(identityValues(request, authorizer.identitySource, context)[0]);
  if (!token) return refused(401);
  const claims = await verifiedClaims(authorizer.issuer, token, keys, nowMs);
  if (!claims) return invalidToken("the token could not be verified with the issuer's keys, or has expired");
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
 * The claims of a token signed by its issuer and not expired. A local pool's token is checked by the
 * local Cognito; keys are fetched only for the issuer the authorizer names (never for whatever `iss` a
 * token claims) and never for a local pool's issuer.
 */
async function verifiedClaims(
  issuer: string,
  token: string,
  { userPools, issuerKeys }: JwtKeys,
  nowMs: number,
): Promise<JwtClaims | undefined> {
  const local = userPools?.verify(token, nowMs);
  if (local) return local.claims;
  if (!issuerKeys || userPools?.issues?.(issuer)) return undefined;
  const decoded = decodeJwt(token);
  if (!decoded || decoded.claims.iss !== issuer || typeof decoded.header.kid !== 'string') return undefined;
  const key = await issuerKeys.key(issuer, decoded.header.kid);
  return key && isSignedAndCurrent(decoded, key, nowMs) ? decoded.claims : undefined;
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
