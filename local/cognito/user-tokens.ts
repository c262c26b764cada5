import { randomUUID } from 'node:crypto';
import type { PoolUser } from './user-directory';
import type { AppClientModel, UserPoolModel } from './user-pool-model';

/** One sign-in, which every token it leads to (refreshed ones too) names. */
export interface SignInSession {
  /** Epoch seconds of the sign-in. */
  readonly authTime: number;
  /** The first access token's `jti`: `origin_jti` of every token of the sign-in. */
  readonly originJti: string;
}

/**
 * The claims of the ID token Cognito issues to a signed-in user: who they are (`sub`,
 * `cognito:username`) and the attributes the client may read (all when it names none), for the client
 * (`aud`); times in epoch seconds.
 */
export function idTokenClaims(
  pool: UserPoolModel,
  client: AppClientModel,
  user: PoolUser,
  session: SignInSession,
  eventId: string,
  nowMs: number,
): Record<string, unknown> {
  const now = Math.floor(nowMs / 1000);
  const readable = client.readAttributes;
  const attributes = Object.entries(user.attributes).filter(([name]) => !readable || readable.includes(name));
  return {
    sub: user.sub,
    ...Object.fromEntries(attributes.map(([name, value]) => [name, typedAttribute(name, value)])),
    iss: pool.issuer,
    'cognito:username': user.username,
    origin_jti: session.originJti,
    aud: client.clientId,
    event_id: eventId,
    token_use: 'id',
    auth_time: session.authTime,
    exp: now + client.idTokenValiditySeconds,
    iat: now,
    jti: randomUUID(),
  };
}

/** The claims of a signed-in user's access token: the user pool API's own scope, for the client. */
export function userAccessTokenClaims(
  pool: UserPoolModel,
  client: AppClientModel,
  user: PoolUser,
  session: SignInSession,
  eventId: string,
  jti: string,
  nowMs: number,
): Record<string, unknown> {
  const now = Math.floor(nowMs / 1000);
  return {
    sub: user.sub,
    iss: pool.issuer,
    client_id: client.clientId,
    origin_jti: session.originJti,
    event_id: eventId,
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    auth_time: session.authTime,
    exp: now + client.accessTokenValiditySeconds,
    iat: now,
    jti,
    username: user.username,
    version: 2,
  };
}

/** Cognito puts `*_verified` as booleans into an ID token, every other attribute as the string it is. */
function typedAttribute(name: string, value: string): string | boolean {
  return name.endsWith('_verified') ? value === 'true' : value;
}
