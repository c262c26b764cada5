import { claimStrings } from '../../../apigateway/user-pool-authorizer';
import { decodeJwt, signJwt } from '../../../cognito/jwt';
import { newSigningKey } from '../../../cognito/signing-keys';
import type { UserPoolModel } from '../../../cognito/user-pool-model';
import {
  ApiBuilder,
  echo,
  eventOf,
  fakeLambda,
  manualClock,
  Servers,
} from '../../helpers/apigateway-fixtures';
import { userPoolsFixture } from '../../helpers/user-pool-fixtures';

/**
 * `COGNITO_USER_POOLS` authorizers through a real RestApiServer: tokens of the local pools, every refusal
 * API Gateway makes, and what reaches the function (events checked by the Powertools schema).
 */
const servers = new Servers();
afterEach(() => servers.closeAll());

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const CUSTOMER = 'cus_0123456789abcdef0123456789abcdef';
const { userPools, pool, otherPool, client } = userPoolsFixture({ now: () => NOW });
const machine = client('Machine');
const token = (scopes: string[] = ['shop/orders.read']) =>
  userPools.issueAccessToken(pool, machine, scopes).accessToken;
/** A token of the pool with claims changed, signed with the pool's own key. */
const signed = (claims: Record<string, unknown>, poolId = pool.id) =>
  signJwt({ ...decodeJwt(token())?.claims, ...claims }, userPools.signingKey(poolId));
/** An ID token with any `aud` (for the refusals); a signed-in user's real one is below. */
const idToken = (aud: string) =>
  signed({ token_use: 'id', aud, 'cognito:username': 'jane', scope: undefined, client_id: undefined });

/** A user of `userPool` created as an admin would, signed in with USER_PASSWORD_AUTH: their tokens. */
function signedInUser(
  userPool: UserPoolModel,
  clientId: string,
  username: string,
  attributes: Record<string, string>,
) {
  const user = userPools.users.create(userPool, username, attributes, 'Temporary-Pass-1');
  userPools.users.setPassword(userPool, user, 'Correct-Horse-9', true);
  const answer = userPools.signIn.initiateAuth({
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: clientId,
    AuthParameters: { USERNAME: username, PASSWORD: 'Correct-Horse-9' },
  });
  if (!('AuthenticationResult' in answer)) throw new Error(`${username} was not signed in`);
  return {
    user,
    idToken: answer.AuthenticationResult.IdToken,
    accessToken: answer.AuthenticationResult.AccessToken,
  };
}

async function start(
  authorizer: Record<string, unknown> = {},
  gatewayResponses = false,
  now: () => number = () => NOW,
) {
  let builder = new ApiBuilder()
    .add('Authorizer', 'pool-auth', {
      Name: 'pool',
      Type: 'COGNITO_USER_POOLS',
      ProviderARNs: [pool.arn],
      IdentitySource: 'method.request.header.Authorization',
      ...authorizer,
    })
    .proxy('/orders', 'GET', 'list', {
      AuthorizationType: 'COGNITO_USER_POOLS',
      AuthorizerId: 'pool-auth',
      AuthorizationScopes: ['shop/orders.read', 'shop/orders.admin'],
    })
    .proxy('/me', 'GET', 'me', { AuthorizationType: 'COGNITO_USER_POOLS', AuthorizerId: 'pool-auth' })
    .stage('v1', {
      AccessLogSetting: {
        DestinationArn: 'arn:logs',
        Format: '$context.authorizer.claims.client_id $context.authorizer.claims.scope $context.status',
      },
    });
  if (gatewayResponses) {
    builder = builder.add('GatewayResponse', 'g1', {
      ResponseType: 'UNAUTHORIZED',
      ResponseParameters: { 'gatewayresponse.header.Content-Type': "'application/problem+json'" },
      ResponseTemplates: { 'application/json': '{"title":$context.error.messageString,"status":401}' },
    });
  }
  const lambda = fakeLambda(echo);
  const accessLog: string[] = [];
  const url = await servers.start(builder.build(), {
    lambda,
    now,
    userPools,
    onAccessLog: (line) => accessLog.push(line),
  });
  const get = (path: string, authorization?: string) =>
    fetch(
      `${url}/v1${path}`,
      authorization === undefined ? {} : { headers: { Authorization: authorization } },
    );
  return { get, lambda, accessLog };
}

describe('COGNITO_USER_POOLS authorizers', () => {
  it('admit an access token holding one of the method`s scopes; the function gets its claims as strings', async () => {
    const { get, lambda, accessLog } = await start();
    const response = await get('/orders', `Bearer ${token()}`);
    expect(response.status).toBe(200);
    expect(eventOf(lambda).requestContext.authorizer).toEqual({
      claims: {
        sub: machine.clientId,
        token_use: 'access',
        scope: 'shop/orders.read',
        auth_time: String(NOW / 1000),
        iss: pool.issuer,
        exp: 'Thu Jan 15 12:30:00 UTC 2026',
        iat: 'Thu Jan 15 12:00:00 UTC 2026',
        version: '2',
        jti: expect.any(String),
        client_id: machine.clientId,
      },
    });
    expect(accessLog).toEqual([`${machine.clientId} shop/orders.read 200`]);
  });

  it('take the raw token as well as `Bearer <token>`', async () => {
    const { get } = await start();
    expect((await get('/orders', token())).status).toBe(200);
    expect((await get('/orders', `bearer ${token()}`)).status).toBe(200);
  });

  it('answer 401 Unauthorized for a missing, malformed, forged, foreign or expired token', async () => {
    const { get, lambda } = await start();
    const [header, payload, signature] = token().split('.');
    const widened = Buffer.from(
      JSON.stringify({ ...decodeJwt(token())?.claims, scope: 'shop/orders.admin' }),
    ).toString('base64url');
    const refused = [
      undefined,
      '',
      'Bearer ',
      'Bearer not-a-jwt',
      `Bearer ${header}.${widened}.${signature}`,
      `Bearer ${header}.${payload}.${signature?.slice(0, -4)}AAAA`,
      `Bearer ${signJwt(decodeJwt(token())?.claims ?? {}, newSigningKey())}`,
      `Bearer ${signed({ iss: otherPool.issuer }, otherPool.id)}`,
      `Bearer ${signed({ exp: NOW / 1000 })}`,
    ];
    for (const authorization of refused) {
      const response = await get('/orders', authorization);
      expect({ authorization, status: response.status }).toEqual({ authorization, status: 401 });
      expect(await response.json()).toEqual({ message: 'Unauthorized' });
      expect(response.headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
    }
    expect(lambda.calls).toHaveLength(0);
  });

  it('answer 401 for a token of a pool that is not one of the authorizer`s ProviderARNs', async () => {
    const { get } = await start({ ProviderARNs: [otherPool.arn] });
    expect((await get('/orders', `Bearer ${token()}`)).status).toBe(401);
    const { get: getBoth } = await start({ ProviderARNs: [otherPool.arn, pool.arn] });
    expect((await getBoth('/orders', `Bearer ${token()}`)).status).toBe(200);
  });

  it('answer 403 ACCESS_DENIED for an access token without any of the method`s scopes', async () => {
    const { get, lambda } = await start();
    const response = await get('/orders', `Bearer ${token(['shop/orders.write'])}`);
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect(await response.json()).toEqual({ message: 'User is not authorized to access this resource' });
    expect(lambda.calls).toHaveLength(0);
    // One of several scopes is enough.
    expect((await get('/orders', `Bearer ${signed({ scope: 'a/b shop/orders.admin' })}`)).status).toBe(200);
  });

  it('want an ID token of one of the pool`s clients where the method has no scopes, as AWS does', async () => {
    const { get, lambda } = await start();
    expect((await get('/me', `Bearer ${token()}`)).status).toBe(401);
    expect((await get('/me', `Bearer ${idToken('not-a-client')}`)).status).toBe(401);
    expect((await get('/orders', `Bearer ${idToken(machine.clientId)}`)).status).toBe(401);
    const response = await get('/me', `Bearer ${idToken(machine.clientId)}`);
    expect(response.status).toBe(200);
    expect(eventOf(lambda).requestContext.authorizer).toMatchObject({
      claims: { token_use: 'id', aud: machine.clientId, 'cognito:username': 'jane' },
    });
  });

  it("admit a signed-in user's ID token where the method has no scopes, and hand the function its attributes", async () => {
    const { get, lambda } = await start();
    const username = 'ada@example.com';
    const {
      user,
      idToken: userIdToken,
      accessToken,
    } = signedInUser(pool, client('App').clientId, username, {
      'custom:customerId': CUSTOMER,
    });
    expect((await get('/me', `Bearer ${userIdToken}`)).status).toBe(200);
    expect(eventOf(lambda).requestContext.authorizer).toMatchObject({
      claims: { token_use: 'id', 'custom:customerId': CUSTOMER, email: username, sub: user.sub },
    });
    // Its access token holds no scope of the resource server: refused on a scoped method.
    expect((await get('/orders', `Bearer ${accessToken}`)).status).toBe(403);
    // Without scopes API Gateway wants the ID token: the same user's access token is not one.
    expect((await get('/me', `Bearer ${accessToken}`)).status).toBe(401);
  });

  it("refuse a user's ID token that is expired, changed, of another pool or on a method with scopes: 401", async () => {
    const clock = manualClock(NOW);
    const { get, lambda } = await start({}, false, clock.now);
    const { idToken: userIdToken } = signedInUser(pool, client('App').clientId, 'grace@example.com', {
      'custom:customerId': CUSTOMER,
    });
    const [header, payload, signature] = userIdToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const otherCustomer = Buffer.from(
      JSON.stringify({ ...claims, 'custom:customerId': 'cus_ffffffffffffffffffffffffffffffff' }),
    ).toString('base64url');
    const other = signedInUser(otherPool, client('OtherApp').clientId, 'hopper', {
      email: 'hopper@example.com',
    });
    const refused = {
      changed: `${header}.${otherCustomer}.${signature}`,
      'another pool': other.idToken,
      'on a method with scopes': userIdToken,
    };
    for (const [why, token] of Object.entries(refused)) {
      const response = await get(why === 'on a method with scopes' ? '/orders' : '/me', `Bearer ${token}`);
      expect({ why, status: response.status }).toEqual({ why, status: 401 });
    }
    // The other pool's token is a good one, for an authorizer of that pool.
    const { get: getOther } = await start({ ProviderARNs: [otherPool.arn] });
    expect((await getOther('/me', `Bearer ${other.idToken}`)).status).toBe(200);
    // The App client's ID tokens live 15 minutes.
    clock.advance(15 * 60_000 - 1000);
    expect((await get('/me', `Bearer ${userIdToken}`)).status).toBe(200);
    clock.advance(1000);
    expect((await get('/me', `Bearer ${userIdToken}`)).status).toBe(401);
    expect(lambda.calls).toHaveLength(1);
  });

  it('match IdentityValidationExpression against an ID token`s aud, which an access token lacks', async () => {
    const web = client('Web');
    const { get } = await start({ IdentityValidationExpression: machine.clientId });
    expect((await get('/me', `Bearer ${idToken(machine.clientId)}`)).status).toBe(200);
    expect((await get('/me', `Bearer ${idToken(web.clientId)}`)).status).toBe(401);
    expect((await get('/orders', `Bearer ${token()}`)).status).toBe(401);
  });

  it('read the token from the authorizer`s identity source', async () => {
    const { get } = await start({ IdentitySource: 'method.request.header.X-Token' });
    expect((await get('/orders', `Bearer ${token()}`)).status).toBe(401);
  });

  it('refuse through the API`s own UNAUTHORIZED gateway response', async () => {
    const { get } = await start({}, true);
    const response = await get('/orders');
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toEqual({ title: 'Unauthorized', status: 401 });
  });

  it('refuse everything when the server has no user pools to check tokens with', async () => {
    const api = new ApiBuilder()
      .add('Authorizer', 'pool-auth', { Type: 'COGNITO_USER_POOLS', ProviderARNs: [pool.arn] })
      .proxy('/orders', 'GET', 'list', {
        AuthorizationType: 'COGNITO_USER_POOLS',
        AuthorizerId: 'pool-auth',
        AuthorizationScopes: ['shop/orders.read'],
      })
      .stage('v1')
      .build();
    expect(api.warnings).toEqual([]);
    const url = await servers.start(api, { lambda: fakeLambda(echo) });
    const response = await fetch(`${url}/v1/orders`, { headers: { Authorization: `Bearer ${token()}` } });
    expect(response.status).toBe(401);
  });
});

describe('claims as API Gateway passes them on', () => {
  it('are strings: epoch times of exp and iat as Java dates, other numbers as digits, objects as JSON', () => {
    expect(
      claimStrings({
        exp: 1513495692,
        iat: 1513492092,
        auth_time: 1513492092,
        ok: true,
        groups: ['a'],
        no: null,
      }),
    ).toEqual({
      exp: 'Sun Dec 17 07:28:12 UTC 2017',
      iat: 'Sun Dec 17 06:28:12 UTC 2017',
      auth_time: '1513492092',
      ok: 'true',
      groups: '["a"]',
    });
  });
});
