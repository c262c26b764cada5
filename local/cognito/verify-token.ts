import { decodeJwt, isSignedAndCurrent, type JwtClaims } from './jwt';
import type { SigningKey } from './signing-keys';
import type { UserPoolModel } from './user-pool-model';

/** A token one of the local pools issued, signed with its key and not expired. */
export interface VerifiedUserPoolToken {
  readonly poolArn: string;
  /** The pool's app client ids: an ID token's `aud` must be one of them. */
  readonly clientIds: readonly string[];
  readonly claims: JwtClaims;
}

/**
 * Checks a token as API Gateway's user pool authorizer does before it looks at scopes: a well-formed
 * RS256 JWT whose `iss` is a known pool, whose `kid` is that pool's key and whose signature it made,
 * `token_use` access or id, and `exp` still ahead. Anything else is undefined: the caller answers 401.
 */
export function verifyUserPoolToken(
  token: string,
  poolByIssuer: (issuer: string) => { pool: UserPoolModel; key: SigningKey } | undefined,
  nowMs: number,
): VerifiedUserPoolToken | undefined {
  const decoded = decodeJwt(token);
  if (!decoded) return undefined;
  const { claims } = decoded;
  const found = typeof claims.iss === 'string' ? poolByIssuer(claims.iss) : undefined;
  if (!found || !isSignedAndCurrent(decoded, found.key, nowMs)) return undefined;
  if (claims.token_use !== 'access' && claims.token_use !== 'id') return undefined;
  return { poolArn: found.pool.arn, clientIds: [...found.pool.clients.keys()], claims };
}
