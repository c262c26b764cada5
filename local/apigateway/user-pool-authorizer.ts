import type { VerifiedUserPoolToken } from '../cognito/verify-token';
import { GatewayError } from './gateway-error';
import { MONTHS, type UserPoolAuthorizerContext } from './invocation-context';
import type { UserPoolAuthorizerModel } from './rest-api-model';

/** Whoever checks tokens for user pool authorizers: the local Cognito's pools, with their keys. */
export interface UserPoolTokenVerifier {
  /** A token a known pool signed, not expired at `nowMs`; undefined for anything else. */
  verify(token: string, nowMs: number): VerifiedUserPoolToken | undefined;
  /** Whether `issuer` is one of these pools' (an HTTP API's JWT authorizer then fetches no keys for it). */
  issues?(issuer: string): boolean;
}

const unauthorized = () => new GatewayError('UNAUTHORIZED', 'Unauthorized');

/** The token of an identity source: raw or as `Bearer <token>`, as both REST and HTTP APIs accept it. */
export function bearerToken(identity: string | undefined): string | undefined {
  return identity?.trim().replace(/^Bearer\s+/i, '') || undefined;
}

/**
 * A `COGNITO_USER_POOLS` authorizer's decision on one request, as API Gateway makes it:
 *
 * - the identity source holds the token, raw or as `Bearer <token>`;
 * - it must be a valid token (signature, key, expiry) of one of the authorizer's `ProviderARNs` pools;
 * - `IdentityValidationExpression` is matched against an ID token's `aud` (an access token has none);
 * - a method with `AuthorizationScopes` wants an access token holding at least one of them: another
 *   token is unauthorized (401), an access token without the scope is denied (403 `ACCESS_DENIED`; AWS
 *   does not document which status it answers there);
 * - a method without scopes wants an ID token issued to one of the pool's clients (`aud`).
 *
 * Every other refusal is `UNAUTHORIZED` (401, `Unauthorized`) through the API's gateway responses.
 */
export function authorizeWithUserPool(
  authorizer: UserPoolAuthorizerModel,
  methodScopes: readonly string[],
  identity: string | undefined,
  verifier: UserPoolTokenVerifier | undefined,
  nowMs: number,
): UserPoolAuthorizerContext | GatewayError {
  const token = bearerToken(identity);
  if (!token || !verifier) return unauthorized();
  const verified = verifier.verify(token, nowMs);
  if (!verified || !authorizer.providerArns.includes(verified.poolArn)) return unauthorized();
  const { claims } = verified;
  const audience = typeof claims.aud === 'string' ? claims.aud : undefined;
  const expression = authorizer.identityValidationExpression;
  if (expression && (audience === undefined || !new RegExp(`^(?:${expression})$`).test(audience)))
    return unauthorized();

  if (methodScopes.length > 0) {
    if (claims.token_use !== 'access') return unauthorized();
    const granted = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
    if (!methodScopes.some((scope) => granted.includes(scope)))
      return new GatewayError('ACCESS_DENIED', 'User is not authorized to access this resource');
  } else if (claims.token_use !== 'id' || audience === undefined || !verified.clientIds.includes(audience)) {
    return unauthorized();
  }
  return { claims: claimStrings(claims) };
}

/**
 * The claims as API Gateway hands them to the integration: every value a string, `exp` and `iat` in
 * Java's `Date.toString()` form (`Sun Dec 17 07:28:12 UTC 2017`), other numbers as digits.
 */
export function claimStrings(claims: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) {
    if (value === null || value === undefined) continue;
    if ((name === 'exp' || name === 'iat') && typeof value === 'number') out[name] = javaDate(value);
    else out[name] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return out;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function javaDate(epochSeconds: number): string {
  const date = new Date(epochSeconds * 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${two(date.getUTCDate())} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`
  );
}
