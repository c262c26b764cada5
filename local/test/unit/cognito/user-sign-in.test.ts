import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  DescribeUserPoolCommand,
  InitiateAuthCommand,
  InvalidParameterException,
  InvalidPasswordException,
  NotAuthorizedException,
  RespondToAuthChallengeCommand,
  UnsupportedUserStateException,
  UserNotFoundException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { CognitoIdentityProviderService } from '../../../cognito/cognito-idp-service';
import { UserPoolRoutes } from '../../../cognito/user-pool-routes';
import { EndpointServer } from '../../../endpoint/endpoint-server';
import { manualClock } from '../../helpers/apigateway-fixtures';
import { type UserPoolsFixture, userPoolsFixture } from '../../helpers/user-pool-fixtures';

/**
 * Users signing in to a local user pool, only through real clients: the AWS SDK's `cognito-idp` client
 * (admin calls signed, `InitiateAuth` unsigned as the SDK sends it) and `aws-jwt-verify`, the library
 * apps verify Cognito tokens with, against the pool's JWKS on the local endpoint.
 */
const CUSTOMER = 'cus_0123456789abcdef0123456789abcdef';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PASSWORD = 'Correct-Horse-9';

async function started(fixture: UserPoolsFixture) {
  const server = new EndpointServer({ services: [new CognitoIdentityProviderService(fixture.userPools)] });
  server.addRoute(new UserPoolRoutes(fixture.userPools, () => server.url));
  const endpoint = await server.listen(0);
  const cognito = new CognitoIdentityProviderClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  return { server, endpoint, cognito };
}

/** Runs `use` against a started endpoint, closed again however `use` ends (an open one keeps jest alive). */
async function whileRunning<T>(
  fixture: UserPoolsFixture,
  use: (running: Awaited<ReturnType<typeof started>>) => Promise<T>,
): Promise<T> {
  const running = await started(fixture);
  try {
    return await use(running);
  } finally {
    running.cognito.destroy();
    await running.server.close();
  }
}

let fixture: UserPoolsFixture;
let running: Awaited<ReturnType<typeof started>>;
beforeAll(async () => {
  fixture = userPoolsFixture();
  running = await started(fixture);
});
afterAll(async () => {
  running.cognito.destroy();
  await running.server.close();
});

const app = () => fixture.client('App');

async function createUser(
  username: string,
  attributes: Record<string, string> = { email: username, 'custom:customerId': CUSTOMER },
) {
  const { cognito } = running;
  const UserPoolId = fixture.pool.id;
  await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId,
      Username: username,
      UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
      MessageAction: 'SUPPRESS',
      TemporaryPassword: 'Temporary-Pass-1',
    }),
  );
  await cognito.send(
    new AdminSetUserPasswordCommand({ UserPoolId, Username: username, Password: PASSWORD, Permanent: true }),
  );
}

const signIn = (
  username: string,
  password = PASSWORD,
  clientId = app().clientId,
  extra: Record<string, string> = {},
) =>
  running.cognito.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: username, PASSWORD: password, ...extra },
    }),
  );

/** Cognito's SECRET_HASH: base64 HMAC-SHA256 of username + client id, keyed by the client's secret. */
const secretHashOf = (client: { clientId: string; secret?: string }, username: string) =>
  createHmac('sha256', client.secret ?? '')
    .update(`${username}${client.clientId}`)
    .digest('base64');

async function verifierFor(tokenUse: 'id' | 'access', clientId = app().clientId, pool = fixture.pool) {
  const verifier = CognitoJwtVerifier.create({ userPoolId: pool.id, tokenUse, clientId });
  const jwks = await (await fetch(`${running.endpoint}/${pool.id}/.well-known/jwks.json`)).json();
  verifier.cacheJwks(jwks as Parameters<typeof verifier.cacheJwks>[0]);
  return verifier;
}

describe('users of a local user pool', () => {
  it('sign in with USER_PASSWORD_AUTH: an ID token aws-jwt-verify accepts, carrying custom:customerId', async () => {
    await createUser('ada@example.com');
    const { AuthenticationResult: result } = await signIn('ada@example.com');
    expect(result).toMatchObject({ TokenType: 'Bearer', ExpiresIn: 3600 });
    const idToken = result?.IdToken ?? '';
    const claims = await (await verifierFor('id')).verify(idToken);
    expect(claims).toMatchObject({
      token_use: 'id',
      aud: app().clientId,
      email: 'ada@example.com',
      'custom:customerId': CUSTOMER,
      iss: fixture.pool.issuer,
    });
    // The pool signs users in with their email: Cognito made the username, the user's sub.
    expect(claims['cognito:username']).toBe(claims.sub);
    expect(claims.sub).toMatch(UUID);
    expect(claims.exp - claims.iat).toBe(15 * 60);
    // One changed byte anywhere in the token, and it no longer verifies.
    const tampered = `${idToken.slice(0, 40)}${idToken[40] === 'A' ? 'B' : 'A'}${idToken.slice(41)}`;
    await expect((await verifierFor('id')).verify(tampered)).rejects.toThrow();
    const access = await (await verifierFor('access')).verify(result?.AccessToken ?? '');
    expect(access).toMatchObject({
      token_use: 'access',
      username: claims.sub,
      scope: 'aws.cognito.signin.user.admin',
      sub: claims.sub,
      client_id: app().clientId,
      version: 2,
    });
    expect(access.origin_jti).toBe(access.jti);
  });

  it('refresh: new ID and access tokens of the same sign-in, and no new refresh token', async () => {
    await createUser('grace@example.com');
    const first = (await signIn('grace@example.com')).AuthenticationResult;
    const refreshed = await running.cognito.send(
      new InitiateAuthCommand({
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: app().clientId,
        AuthParameters: { REFRESH_TOKEN: first?.RefreshToken ?? '' },
      }),
    );
    expect(refreshed.AuthenticationResult?.RefreshToken).toBeUndefined();
    const before = await (await verifierFor('access')).verify(first?.AccessToken ?? '');
    const after = await (await verifierFor('access')).verify(
      refreshed.AuthenticationResult?.AccessToken ?? '',
    );
    expect(after.origin_jti).toBe(before.jti);
    expect(after.jti).not.toBe(before.jti);
    await expect(
      running.cognito.send(
        new InitiateAuthCommand({
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          ClientId: app().clientId,
          AuthParameters: { REFRESH_TOKEN: 'forged' },
        }),
      ),
    ).rejects.toThrow(NotAuthorizedException);
  });

  it('an admin-created user answers the new-password challenge first, and is then signed in', async () => {
    const { cognito } = running;
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: fixture.pool.id,
        Username: 'new@example.com',
        TemporaryPassword: 'Temporary-Pass-1',
      }),
    );
    const challenge = await signIn('new@example.com', 'Temporary-Pass-1');
    expect(challenge.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const answered = await cognito.send(
      new RespondToAuthChallengeCommand({
        ClientId: app().clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: 'new@example.com', NEW_PASSWORD: 'My-Own-Pass-42' },
      }),
    );
    expect(answered.AuthenticationResult?.IdToken).toBeDefined();
    const user = await cognito.send(
      new AdminGetUserCommand({ UserPoolId: fixture.pool.id, Username: 'new@example.com' }),
    );
    expect(user.UserStatus).toBe('CONFIRMED');
    // Known by the username Cognito made (the challenge named it) and with the email it was created by.
    expect(user.Username).toMatch(UUID);
    expect(challenge.ChallengeParameters?.USER_ID_FOR_SRP).toBe(user.Username);
    expect(user.UserAttributes).toContainEqual({ Name: 'email', Value: 'new@example.com' });
  });

  it('take an email where a pool signs users in with it, as Cognito does', async () => {
    const { cognito } = running;
    const create = (Username: string, UserAttributes: { Name: string; Value: string }[] = []) =>
      cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: fixture.pool.id,
          Username,
          UserAttributes,
          TemporaryPassword: 'Temporary-Pass-1',
        }),
      );
    await expect(create('ada-lovelace')).rejects.toThrow(
      new InvalidParameterException({ message: 'Username should be an email.', $metadata: {} }),
    );
    await expect(create('ada@example.com', [{ Name: 'email', Value: 'other@example.com' }])).rejects.toThrow(
      InvalidParameterException,
    );
  });

  it('refuses what Cognito refuses, with the exception the SDK names', async () => {
    const { cognito } = running;
    await createUser('linus@example.com');
    await expect(signIn('linus@example.com', 'Wrong-Password-1')).rejects.toThrow(
      new NotAuthorizedException({ message: 'Incorrect username or password.', $metadata: {} }),
    );
    // The app's client prevents user-existence errors: an unknown user looks like a wrong password.
    await expect(signIn('nobody@example.com')).rejects.toThrow(NotAuthorizedException);
    await expect(createUser('linus@example.com')).rejects.toThrow(UsernameExistsException);
    // Attributes as the pool's schema says: custom ones it declares, within their bounds; email is
    // standard (its schema entry only makes it required), so there is no custom:email.
    const refusedAttributes: Record<string, string>[] = [
      { 'custom:unknown': 'x' },
      { 'custom:email': 'bad@example.com' },
      { 'custom:customerId': 'cus_too_short' },
      { email_verified: 'yes' },
    ];
    for (const attributes of refusedAttributes) {
      await expect(createUser('bad@example.com', attributes)).rejects.toThrow(InvalidParameterException);
    }
    await expect(createUser('bad@example.com', { 'custom:customerId': 'cus_too_short' })).rejects.toThrow(
      'Attributes did not conform to the schema: custom:customerId: String must be at least 36 characters long',
    );
    await expect(
      cognito.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: fixture.pool.id,
          Username: 'linus@example.com',
          Password: 'short',
          Permanent: true,
        }),
      ),
    ).rejects.toThrow(InvalidPasswordException);
    await expect(
      cognito.send(new AdminGetUserCommand({ UserPoolId: fixture.pool.id, Username: 'ghost' })),
    ).rejects.toThrow(UserNotFoundException);
    // A client not allowed the flow, and a client with a secret asked for no SECRET_HASH.
    await expect(signIn('linus@example.com', PASSWORD, fixture.client('Web').clientId)).rejects.toThrow(
      InvalidParameterException,
    );
    const secretApp = fixture.client('SecretApp');
    await expect(signIn('linus@example.com', PASSWORD, secretApp.clientId)).rejects.toThrow(
      NotAuthorizedException,
    );
    const withHash = await signIn('linus@example.com', PASSWORD, secretApp.clientId, {
      SECRET_HASH: secretHashOf(secretApp, 'linus@example.com'),
    });
    expect(withHash.AuthenticationResult?.IdToken).toBeDefined();
    // A refresh proves the secret over the username Cognito made (the sub), not the email signed in with.
    const sub = (
      await (await verifierFor('id', secretApp.clientId)).verify(withHash.AuthenticationResult?.IdToken ?? '')
    ).sub;
    const refresh = (username: string) =>
      cognito.send(
        new InitiateAuthCommand({
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          ClientId: secretApp.clientId,
          AuthParameters: {
            REFRESH_TOKEN: withHash.AuthenticationResult?.RefreshToken ?? '',
            SECRET_HASH: secretHashOf(secretApp, username),
          },
        }),
      );
    await expect(refresh('linus@example.com')).rejects.toThrow(NotAuthorizedException);
    expect((await refresh(sub)).AuthenticationResult?.IdToken).toBeDefined();
    // A deleted user can no longer sign in.
    await cognito.send(
      new AdminDeleteUserCommand({ UserPoolId: fixture.pool.id, Username: 'linus@example.com' }),
    );
    await expect(signIn('linus@example.com')).rejects.toThrow(NotAuthorizedException);
  });
});

describe('a pool described', () => {
  it('counts its users', async () => {
    const counted = userPoolsFixture();
    await whileRunning(counted, async ({ cognito }) => {
      const UserPoolId = counted.pool.id;
      const users = async () =>
        (await cognito.send(new DescribeUserPoolCommand({ UserPoolId }))).UserPool?.EstimatedNumberOfUsers;
      for (const Username of ['one@example.com', 'two@example.com']) {
        await cognito.send(new AdminCreateUserCommand({ UserPoolId, Username, MessageAction: 'SUPPRESS' }));
      }
      expect(await users()).toBe(2);
      await cognito.send(new AdminDeleteUserCommand({ UserPoolId, Username: 'one@example.com' }));
      expect(await users()).toBe(1);
    });
  });
});

describe('temporary passwords', () => {
  it("expire after the pool's TemporaryPasswordValidityDays, and RESEND gives a new one", async () => {
    const clock = manualClock(Date.UTC(2026, 0, 15, 12, 0, 0));
    const timed = userPoolsFixture({ now: clock.now });
    await whileRunning(timed, async ({ cognito }) => {
      const UserPoolId = timed.pool.id;
      const invite = (Username: string, MessageAction: 'SUPPRESS' | 'RESEND', TemporaryPassword?: string) =>
        cognito.send(new AdminCreateUserCommand({ UserPoolId, Username, MessageAction, TemporaryPassword }));
      const signInWith = (password: string) =>
        cognito.send(
          new InitiateAuthCommand({
            AuthFlow: 'USER_PASSWORD_AUTH',
            ClientId: timed.client('App').clientId,
            AuthParameters: { USERNAME: 'late@example.com', PASSWORD: password },
          }),
        );
      await invite('late@example.com', 'SUPPRESS', 'Temporary-Pass-1');
      // The pool's temporary passwords are good for one day.
      clock.advance(86_400_000 - 1000);
      expect((await signInWith('Temporary-Pass-1')).ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
      clock.advance(2000);
      await expect(signInWith('Temporary-Pass-1')).rejects.toThrow(
        new NotAuthorizedException({
          message: 'Temporary password has expired and must be reset by an administrator.',
          $metadata: {},
        }),
      );
      await invite('late@example.com', 'RESEND', 'Temporary-Pass-2');
      await expect(signInWith('Temporary-Pass-1')).rejects.toThrow('Incorrect username or password.');
      expect((await signInWith('Temporary-Pass-2')).ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
      // RESEND is for a user who exists and has not chosen a password yet.
      await expect(invite('nobody@example.com', 'RESEND')).rejects.toThrow(UserNotFoundException);
      await cognito.send(
        new AdminSetUserPasswordCommand({
          UserPoolId,
          Username: 'late@example.com',
          Password: PASSWORD,
          Permanent: true,
        }),
      );
      await expect(invite('late@example.com', 'RESEND')).rejects.toThrow(UnsupportedUserStateException);
    });
  });
});

describe('AWS credentials', () => {
  it('sign every administrator call, while users sign in without any', async () => {
    const call = (operation: string, headers: Record<string, string> = {}) =>
      fetch(running.endpoint, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-amz-json-1.1',
          'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}`,
          ...headers,
        },
        body: JSON.stringify({ UserPoolId: fixture.pool.id, Username: 'ada@example.com' }),
      });
    const unsigned = await call('AdminGetUser');
    expect(unsigned.status).toBe(400);
    expect(await unsigned.json()).toEqual({
      __type: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token',
    });
    const notSigV4 = await call('AdminDeleteUser', { Authorization: 'Bearer some-token' });
    expect(await notSigV4.json()).toMatchObject({ __type: 'IncompleteSignatureException' });

    // An app's client has no AWS credentials: the SDK sends InitiateAuth unsigned, and it is answered.
    await createUser('anonymous@example.com');
    const anonymous = new CognitoIdentityProviderClient({
      endpoint: running.endpoint,
      region: 'us-east-1',
      credentials: () => Promise.reject(new Error('this client has no AWS credentials')),
    });
    try {
      const signedIn = await anonymous.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: app().clientId,
          AuthParameters: { USERNAME: 'anonymous@example.com', PASSWORD },
        }),
      );
      expect(signedIn.AuthenticationResult?.IdToken).toBeDefined();
    } finally {
      anonymous.destroy();
    }
  });
});

describe('users of a pool with usernames and an email alias', () => {
  it('sign in by username, and by email once it is verified', async () => {
    const { cognito } = running;
    const UserPoolId = fixture.otherPool.id;
    const otherApp = fixture.client('OtherApp').clientId;
    const create = async (username: string, attributes: { Name: string; Value: string }[]) => {
      await cognito.send(
        new AdminCreateUserCommand({ UserPoolId, Username: username, UserAttributes: attributes }),
      );
      await cognito.send(
        new AdminSetUserPasswordCommand({
          UserPoolId,
          Username: username,
          Password: PASSWORD,
          Permanent: true,
        }),
      );
    };
    // The pool's schema requires an email of every user.
    await expect(create('ghost', [])).rejects.toThrow(
      'Attributes did not conform to the schema: email: The attribute is required',
    );
    await create('grace', [{ Name: 'email', Value: 'grace@example.com' }]);
    const byUsername = await signIn('grace', PASSWORD, otherApp);
    const claims = await (await verifierFor('id', otherApp, fixture.otherPool)).verify(
      byUsername.AuthenticationResult?.IdToken ?? '',
    );
    expect(claims['cognito:username']).toBe('grace');
    // An unverified email is no sign-in name (the client does not hide that the user is unknown).
    await expect(signIn('grace@example.com', PASSWORD, otherApp)).rejects.toThrow(UserNotFoundException);
    await create('hopper', [
      { Name: 'email', Value: 'hopper@example.com' },
      { Name: 'email_verified', Value: 'true' },
    ]);
    const byEmail = await signIn('hopper@example.com', PASSWORD, otherApp);
    expect(byEmail.AuthenticationResult?.IdToken).toBeDefined();
  });
});

describe('users across a restart with a data directory', () => {
  it('keep their password, their sub and their refresh tokens', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cognito-users-'));
    const signInKept = (cognito: CognitoIdentityProviderClient, clientId: string) =>
      cognito.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: clientId,
          AuthParameters: { USERNAME: 'kept@example.com', PASSWORD },
        }),
      );
    try {
      const first = userPoolsFixture({ dataDir });
      const UserPoolId = first.pool.id;
      const clientId = first.client('App').clientId;
      const before = await whileRunning(first, async ({ cognito }) => {
        const { User } = await cognito.send(
          new AdminCreateUserCommand({
            UserPoolId,
            Username: 'kept@example.com',
            UserAttributes: [{ Name: 'custom:customerId', Value: CUSTOMER }],
            TemporaryPassword: 'Temporary-Pass-1',
          }),
        );
        await cognito.send(
          new AdminSetUserPasswordCommand({
            UserPoolId,
            Username: 'kept@example.com',
            Password: PASSWORD,
            Permanent: true,
          }),
        );
        return { username: User?.Username, signedIn: await signInKept(cognito, clientId) };
      });

      await whileRunning(userPoolsFixture({ dataDir }), async ({ cognito }) => {
        expect((await signInKept(cognito, clientId)).AuthenticationResult?.IdToken).toBeDefined();
        const user = await cognito.send(
          new AdminGetUserCommand({ UserPoolId, Username: 'kept@example.com' }),
        );
        expect(user.Username).toBe(before.username);
        expect(user.UserAttributes).toContainEqual({ Name: 'custom:customerId', Value: CUSTOMER });
        const refreshed = await cognito.send(
          new InitiateAuthCommand({
            AuthFlow: 'REFRESH_TOKEN_AUTH',
            ClientId: clientId,
            AuthParameters: { REFRESH_TOKEN: before.signedIn.AuthenticationResult?.RefreshToken ?? '' },
          }),
        );
        expect(refreshed.AuthenticationResult?.AccessToken).toBeDefined();
      });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
