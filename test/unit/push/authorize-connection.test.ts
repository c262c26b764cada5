import { generateKeyPairSync, type KeyObject, randomUUID, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { cognitoIdTokenVerifier } from '../../../lambdas/push/adapters/cognito-id-token-verifier';
import { authorizeConnectionHandler } from '../../../lambdas/push/handlers/authorize-connection-handler';
import { CUSTOMER } from '../../helpers/in-memory-push';

/**
 * The $connect authorizer with real RS256 tokens: a pool's key pair made here, its JWKS served where a
 * local cloud serves it (`<endpoint>/<poolId>/.well-known/jwks.json`), tokens signed as Cognito signs
 * an ID token. Only the pool's own, unaltered, unexpired ID tokens of the apps' clients get in.
 */
const POOL = 'us-east-1_AbC123xYz';
const ISSUER = `https://cognito-idp.us-east-1.amazonaws.com/${POOL}`;
const WEB = 'webclient0000000000000000a';
const MOBILE = 'mobileclient00000000000000';
const KID = 'pool-key-1';
const METHOD_ARN = 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/v1/$connect';

const poolKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const strangerKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
let server: Server;
let jwksRequests = 0;
let handler: ReturnType<typeof authorizeConnectionHandler>;

beforeAll(async () => {
  const jwk = { ...poolKeys.publicKey.export({ format: 'jwk' }), kid: KID, alg: 'RS256', use: 'sig' };
  server = createServer((req, res) => {
    if (req.url !== `/${POOL}/.well-known/jwks.json`) return void res.writeHead(404).end();
    jwksRequests++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  handler = authorizeConnectionHandler(
    cognitoIdTokenVerifier({
      userPoolId: POOL,
      clientIds: [WEB, MOBILE],
      endpoint: `http://127.0.0.1:${port}`,
    }),
  );
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

function token(claims: Record<string, unknown> = {}, key: KeyObject = poolKeys.privateKey, kid = KID) {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'RS256', kid, typ: 'JWT' }));
  const payload = base64url(
    JSON.stringify({
      sub: randomUUID(),
      aud: WEB,
      iss: ISSUER,
      token_use: 'id',
      auth_time: now,
      iat: now,
      exp: now + 3600,
      'custom:customerId': CUSTOMER,
      ...claims,
    }),
  );
  const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), key).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

const connecting = (tokenValue?: string): APIGatewayRequestAuthorizerEvent =>
  ({
    type: 'REQUEST',
    methodArn: METHOD_ARN,
    headers: {},
    queryStringParameters: tokenValue === undefined ? {} : { token: tokenValue },
    requestContext: {},
  }) as unknown as APIGatewayRequestAuthorizerEvent;

/** The same token with one character of a part (0 header, 1 payload, 2 signature) changed. */
function tampered(jwt: string, part: number): string {
  const parts = jwt.split('.');
  const text = parts[part] as string;
  const at = Math.floor(text.length / 2);
  parts[part] = `${text.slice(0, at)}${text[at] === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`;
  return parts.join('.');
}

describe('$connect authorizer', () => {
  it.each([
    ['web', WEB],
    ['mobile', MOBILE],
  ])('lets in the %s app’s signed-in user, with the customer in the context', async (_, clientId) => {
    const sub = randomUUID();
    await expect(handler(connecting(token({ aud: clientId, sub })))).resolves.toEqual({
      principalId: sub,
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: METHOD_ARN }],
      },
      context: { customerId: CUSTOMER },
    });
  });

  it('fetches the pool’s keys once, not per connection', async () => {
    const before = jwksRequests;
    await handler(connecting(token()));
    await handler(connecting(token()));
    expect(jwksRequests - before).toBe(0);
  });

  it.each([
    ['no token', undefined],
    ['an empty token', ''],
    ['not a JWT', 'not-a-jwt'],
    ['one changed byte in the header', tampered(token(), 0)],
    ['one changed byte in the claims', tampered(token(), 1)],
    ['one changed byte in the signature', tampered(token(), 2)],
    ['an expired token', token({ exp: Math.floor(Date.now() / 1000) - 60 })],
    ['a client of another app', token({ aud: 'someoneelsesclient00000000' })],
    ['an access token', token({ token_use: 'access', aud: undefined, client_id: WEB })],
    [
      'another pool’s token',
      token({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other1234' }),
    ],
    ['a token signed by another key under the pool’s key id', token({}, strangerKeys.privateKey)],
    ['a key id the pool does not have', token({}, poolKeys.privateKey, 'unknown-key')],
  ])('refuses %s: 401 (Unauthorized), the function never runs', async (_, value) => {
    await expect(handler(connecting(value))).rejects.toThrow(new Error('Unauthorized'));
  });

  it.each([
    ['no customer', undefined],
    ['a customer id that is none', 'not-a-customer'],
  ])('denies a good token of a user linked to %s: 403', async (_, customerId) => {
    const result = await handler(connecting(token({ 'custom:customerId': customerId })));
    expect(result.policyDocument.Statement).toEqual([
      { Action: 'execute-api:Invoke', Effect: 'Deny', Resource: METHOD_ARN },
    ]);
    expect(result.context).toBeUndefined();
  });
});
