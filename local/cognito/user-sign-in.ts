import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { AwsServiceError } from '../endpoint/aws-json-service';
import { signJwt } from './jwt';
import type { LocalUserPools } from './local-user-pools';
import type { PoolUser, UserDirectory } from './user-directory';
import type { AppClientModel, UserPoolModel } from './user-pool-model';
import { idTokenClaims, type SignInSession, userAccessTokenClaims } from './user-tokens';

/** What `InitiateAuth` and `RespondToAuthChallenge` answer: tokens, or the next challenge. */
export type AuthAnswer =
  | {
      readonly ChallengeParameters: Record<string, string>;
      readonly AuthenticationResult: {
        readonly AccessToken: string;
        readonly ExpiresIn: number;
        readonly TokenType: 'Bearer';
        readonly IdToken: string;
        readonly RefreshToken?: string;
      };
    }
  | {
      readonly ChallengeName: 'NEW_PASSWORD_REQUIRED';
      readonly Session: string;
      readonly ChallengeParameters: Record<string, string>;
    };

/** How long a challenge's session may be answered (Cognito's default `AuthSessionValidity`: 3 minutes). */
const CHALLENGE_SESSION_MS = 3 * 60_000;

const wrongCredentials = () =>
  new AwsServiceError('NotAuthorizedException', 'Incorrect username or password.');

/**
 * Signing users in as Cognito's public `InitiateAuth` does (no AWS credentials needed): the
 * `USER_PASSWORD_AUTH` flow for clients that allow it, the new-password challenge of a user an admin
 * created, and `REFRESH_TOKEN_AUTH`. Tokens are RS256, signed with the pool's key, with Cognito's claims.
 */
export class UserSignIn {
  private readonly challenges = new Map<
    string,
    { poolId: string; clientId: string; username: string; expires: number }
  >();

  constructor(
    private readonly pools: LocalUserPools,
    private readonly users: UserDirectory,
    private readonly now: () => number,
  ) {}

  initiateAuth(input: Record<string, unknown>): AuthAnswer {
    const { pool, client } = this.client(input.ClientId);
    const parameters = stringRecord(input.AuthParameters);
    switch (input.AuthFlow) {
      case 'USER_PASSWORD_AUTH': {
        if (!allows(client, 'USER_PASSWORD_AUTH')) {
          throw new AwsServiceError(
            'InvalidParameterException',
            'USER_PASSWORD_AUTH flow not enabled for this client',
          );
        }
        const username = parameters.USERNAME ?? '';
        checkSecretHash(client, username, parameters.SECRET_HASH);
        const user = this.users.authenticate(pool, username, parameters.PASSWORD ?? '');
        if (!user) {
          if (
            !this.users.find(pool, username) &&
            client.properties.PreventUserExistenceErrors !== 'ENABLED'
          ) {
            throw new AwsServiceError('UserNotFoundException', 'User does not exist.');
          }
          throw wrongCredentials();
        }
        if (this.users.temporaryPasswordExpired(pool, user)) {
          throw new AwsServiceError(
            'NotAuthorizedException',
            'Temporary password has expired and must be reset by an administrator.',
          );
        }
        if (user.status === 'FORCE_CHANGE_PASSWORD') return this.newPasswordChallenge(pool, client, user);
        return this.signedIn(pool, client, user);
      }
      case 'REFRESH_TOKEN_AUTH':
      case 'REFRESH_TOKEN': {
        const grant = this.users.refreshGrant(parameters.REFRESH_TOKEN ?? '');
        if (!grant || grant.clientId !== client.clientId) {
          throw new AwsServiceError('NotAuthorizedException', 'Invalid Refresh Token');
        }
        const user = this.users.find(pool, grant.username);
        if (!user?.enabled) throw new AwsServiceError('NotAuthorizedException', 'Invalid Refresh Token');
        // Cognito checks a refresh's SECRET_HASH against the username it made (the sub in a pool whose
        // users sign in with their email), not the name the user signed in with.
        checkSecretHash(client, user.username, parameters.SECRET_HASH);
        // A refreshed access token has a jti of its own; its origin_jti stays the sign-in's.
        return this.tokens(pool, client, user, grant, randomUUID());
      }
      default:
        throw new AwsServiceError(
          'InvalidParameterException',
          `The local cloud signs users in with USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH; ${String(input.AuthFlow)} is not emulated.`,
        );
    }
  }

  /** The answer to the new-password challenge: the user's own password, permanent, and their tokens. */
  respondToAuthChallenge(input: Record<string, unknown>): AuthAnswer {
    const { pool, client } = this.client(input.ClientId);
    if (input.ChallengeName !== 'NEW_PASSWORD_REQUIRED') {
      throw new AwsServiceError(
        'InvalidParameterException',
        `Challenge ${String(input.ChallengeName)} is not emulated.`,
      );
    }
    const responses = stringRecord(input.ChallengeResponses);
    const session = typeof input.Session === 'string' ? this.challenges.get(input.Session) : undefined;
    // USERNAME may be the name the user signed in with (an email) or the username the challenge named.
    const username = responses.USERNAME ?? '';
    const user = this.users.find(pool, username);
    if (
      !session ||
      !user ||
      session.expires < this.now() ||
      session.clientId !== client.clientId ||
      session.username !== user.username
    ) {
      throw new AwsServiceError(
        'NotAuthorizedException',
        'Invalid session for the user, session is expired.',
      );
    }
    checkSecretHash(client, username, responses.SECRET_HASH);
    const updated = this.users.setPassword(pool, user, responses.NEW_PASSWORD ?? '', true);
    this.challenges.delete(input.Session as string);
    return this.signedIn(pool, client, updated);
  }

  private newPasswordChallenge(pool: UserPoolModel, client: AppClientModel, user: PoolUser): AuthAnswer {
    const session = randomBytes(32).toString('base64url');
    this.challenges.set(session, {
      poolId: pool.id,
      clientId: client.clientId,
      username: user.username,
      expires: this.now() + CHALLENGE_SESSION_MS,
    });
    return {
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: session,
      ChallengeParameters: {
        USER_ID_FOR_SRP: user.username,
        requiredAttributes: '[]',
        userAttributes: JSON.stringify(user.attributes),
      },
    };
  }

  /** A new sign-in: its tokens and a refresh token for the session. */
  private signedIn(pool: UserPoolModel, client: AppClientModel, user: PoolUser): AuthAnswer {
    const session: SignInSession = { authTime: Math.floor(this.now() / 1000), originJti: randomUUID() };
    // A sign-in's first access token is its origin: its jti is every later token's origin_jti.
    const answer = this.tokens(pool, client, user, session, session.originJti);
    if (!('AuthenticationResult' in answer)) return answer;
    const refreshToken = this.users.issueRefreshToken(
      { poolId: pool.id, clientId: client.clientId, username: user.username, ...session },
      client.refreshTokenValiditySeconds,
    );
    return {
      ...answer,
      AuthenticationResult: { ...answer.AuthenticationResult, RefreshToken: refreshToken },
    };
  }

  private tokens(
    pool: UserPoolModel,
    client: AppClientModel,
    user: PoolUser,
    session: SignInSession,
    jti: string,
  ): AuthAnswer {
    const key = this.pools.signingKey(pool.id);
    const eventId = randomUUID();
    const nowMs = this.now();
    return {
      ChallengeParameters: {},
      AuthenticationResult: {
        AccessToken: signJwt(userAccessTokenClaims(pool, client, user, session, eventId, jti, nowMs), key),
        ExpiresIn: client.accessTokenValiditySeconds,
        TokenType: 'Bearer',
        IdToken: signJwt(idTokenClaims(pool, client, user, session, eventId, nowMs), key),
      },
    };
  }

  private client(clientId: unknown): { pool: UserPoolModel; client: AppClientModel } {
    for (const pool of this.pools.pools) {
      const client = typeof clientId === 'string' ? pool.clients.get(clientId) : undefined;
      if (client) return { pool, client };
    }
    throw new AwsServiceError('ResourceNotFoundException', 'User pool client does not exist.');
  }
}

function allows(client: AppClientModel, flow: string): boolean {
  return client.explicitAuthFlows.includes(`ALLOW_${flow}`) || client.explicitAuthFlows.includes(flow);
}

/** A client with a secret proves it on every call: base64 HMAC-SHA256 (key: the secret) of username + client id. */
function checkSecretHash(client: AppClientModel, username: string, given: string | undefined): void {
  if (!client.secret) return;
  if (given === undefined) {
    throw new AwsServiceError(
      'NotAuthorizedException',
      `Client ${client.clientId} is configured with secret but SECRET_HASH was not received`,
    );
  }
  const expected = createHmac('sha256', client.secret)
    .update(username + client.clientId)
    .digest();
  const actual = Buffer.from(given, 'base64');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw new AwsServiceError(
      'NotAuthorizedException',
      `Unable to verify secret hash for client ${client.clientId}`,
    );
  }
}

function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}
