import { decodeJwt } from '../../../cognito/jwt';
import { answerTokenRequest, type TokenRequest } from '../../../cognito/token-endpoint';
import { userPoolsFixture } from '../../helpers/user-pool-fixtures';

/**
 * The token endpoint's answers, request by request, against Cognito's token endpoint guide: every error
 * is a 400 with `{"error": <code>}`, a client-credentials grant a 200 with an access token.
 */
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const { pool, userPools, client } = userPoolsFixture({ now: () => NOW });
const machine = client('Machine');
const FORM = 'application/x-www-form-urlencoded';
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

function ask(request: Partial<TokenRequest>) {
  return answerTokenRequest(
    pool,
    {
      method: 'POST',
      contentType: FORM,
      authorization: basic(machine.clientId, machine.secret ?? ''),
      body: 'grant_type=client_credentials',
      ...request,
    },
    (c, scopes) => userPools.issueAccessToken(pool, c, scopes),
  );
}

const claimsOf = (answer: ReturnType<typeof ask>) =>
  decodeJwt(String(answer.body.access_token))?.claims ?? {};

describe('the token endpoint, client credentials', () => {
  it('issues an access token with Cognito`s claims for a client authenticated by HTTP Basic', () => {
    const answer = ask({});
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body)).toEqual(['access_token', 'expires_in', 'token_type']);
    expect(answer.body).toMatchObject({ expires_in: 1800, token_type: 'Bearer' });
    const now = NOW / 1000;
    expect(claimsOf(answer)).toEqual({
      sub: machine.clientId,
      token_use: 'access',
      scope: 'shop/orders.read shop/orders.write',
      auth_time: now,
      iss: pool.issuer,
      exp: now + 1800,
      iat: now,
      version: 2,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
      client_id: machine.clientId,
    });
    expect(decodeJwt(String(answer.body.access_token))?.header).toEqual({
      kid: userPools.signingKey(pool.id).kid,
      alg: 'RS256',
    });
  });

  it('accepts the credentials as form fields (client_secret_post), and the id in both places', () => {
    const body = `grant_type=client_credentials&client_id=${machine.clientId}&client_secret=${machine.secret}`;
    expect(ask({ authorization: undefined, body }).status).toBe(200);
    expect(ask({ body: `grant_type=client_credentials&client_id=${machine.clientId}` }).status).toBe(200);
    expect(ask({ contentType: `${FORM}; charset=UTF-8` }).status).toBe(200);
  });

  it('grants the requested scopes the client is allowed and ignores the others, as the guide says', () => {
    const only = ask({ body: 'grant_type=client_credentials&scope=shop%2Forders.write' });
    expect(claimsOf(only).scope).toBe('shop/orders.write');
    const mixed = ask({ body: 'grant_type=client_credentials&scope=shop/orders.read+shop/admin' });
    expect(claimsOf(mixed).scope).toBe('shop/orders.read');
  });

  it('refuses a request whose scopes are none of the client`s with invalid_scope', () => {
    expect(ask({ body: 'grant_type=client_credentials&scope=shop/admin' })).toEqual({
      status: 400,
      body: { error: 'invalid_scope' },
    });
  });

  it('refuses a malformed request with invalid_request', () => {
    const invalid = { status: 400, body: { error: 'invalid_request' } };
    expect(ask({ body: '' })).toEqual(invalid);
    expect(ask({ contentType: 'application/json', body: '{"grant_type":"client_credentials"}' })).toEqual(
      invalid,
    );
    expect(ask({ method: 'GET' })).toEqual(invalid);
    expect(ask({ authorization: `Basic ${Buffer.from('no-colon').toString('base64')}` })).toEqual(invalid);
    // Two ways of authenticating at once.
    expect(ask({ body: `grant_type=client_credentials&client_secret=${machine.secret}` })).toEqual(invalid);
    expect(ask({ body: `grant_type=client_credentials&client_id=${client('Backend').clientId}` })).toEqual(
      invalid,
    );
  });

  it('refuses a grant type Cognito does not know with unsupported_grant_type', () => {
    expect(ask({ body: 'grant_type=password' })).toEqual({
      status: 400,
      body: { error: 'unsupported_grant_type' },
    });
  });

  it('refuses unknown clients, wrong or missing secrets with invalid_client', () => {
    const invalid = { status: 400, body: { error: 'invalid_client' } };
    expect(ask({ authorization: basic(machine.clientId, 'wrong') })).toEqual(invalid);
    expect(ask({ authorization: basic('nosuchclient', machine.secret ?? '') })).toEqual(invalid);
    expect(ask({ authorization: undefined })).toEqual(invalid);
    expect(
      ask({ authorization: undefined, body: `grant_type=client_credentials&client_id=${machine.clientId}` }),
    ).toEqual(invalid);
    // A client of another pool is unknown to this pool's domain.
    const other = client('OtherMachine');
    expect(ask({ authorization: basic(other.clientId, other.secret ?? '') })).toEqual(invalid);
  });

  it('refuses clients not allowed the grant with unauthorized_client', () => {
    const backend = client('Backend');
    expect(ask({ authorization: basic(backend.clientId, backend.secret ?? '') })).toEqual({
      status: 400,
      body: { error: 'unauthorized_client' },
    });
    const web = client('Web');
    expect(
      ask({ authorization: undefined, body: `grant_type=client_credentials&client_id=${web.clientId}` }),
    ).toEqual({
      status: 400,
      body: { error: 'unauthorized_client' },
    });
  });

  it('has no code or refresh token to redeem (no users): invalid_grant for an allowed client', () => {
    const web = client('Web');
    expect(
      ask({
        authorization: undefined,
        body: `grant_type=authorization_code&code=abc&client_id=${web.clientId}`,
      }),
    ).toEqual({ status: 400, body: { error: 'invalid_grant' } });
    expect(ask({ body: 'grant_type=authorization_code&code=abc' })).toEqual({
      status: 400,
      body: { error: 'unauthorized_client' },
    });
  });
});
