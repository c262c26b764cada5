import { randomUUID } from 'node:crypto';
import type { AppClientModel, UserPoolModel } from './user-pool-model';

/**
 * The claims of the access token Cognito issues for a client-credentials grant, in Cognito's order: the
 * client is its own subject, `scope` is the granted scopes joined by spaces, times are epoch seconds.
 */
export function clientCredentialsClaims(
  pool: UserPoolModel,
  client: AppClientModel,
  scopes: readonly string[],
  nowMs: number,
): Record<string, unknown> {
  const now = Math.floor(nowMs / 1000);
  return {
    sub: client.clientId,
    token_use: 'access',
    scope: scopes.join(' '),
    auth_time: now,
    iss: pool.issuer,
    exp: now + client.accessTokenValiditySeconds,
    iat: now,
    version: 2,
    jti: randomUUID(),
    client_id: client.clientId,
  };
}
