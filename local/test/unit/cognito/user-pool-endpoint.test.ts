import {
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { CognitoIdentityProviderService } from '../../../cognito/cognito-idp-service';
import { localDomainUrl, UserPoolRoutes } from '../../../cognito/user-pool-routes';
import { EndpointServer } from '../../../endpoint/endpoint-server';
import { userPoolsFixture } from '../../helpers/user-pool-fixtures';

/**
 * The user pools on the local endpoint, used only through real clients: plain HTTP for the token
 * endpoint, `aws-jwt-verify` (the library apps verify Cognito tokens with) for its tokens, the AWS SDK
 * for the `cognito-idp` API.
 */
const { userPools, pool, client } = userPoolsFixture();
const machine = client('Machine');
let server: EndpointServer;
let endpoint: string;
let cognito: CognitoIdentityProviderClient;

beforeAll(async () => {
  server = new EndpointServer({ services: [new CognitoIdentityProviderService(userPools)] });
  server.addRoute(new UserPoolRoutes(userPools, () => server.url));
  endpoint = await server.listen(0);
  cognito = new CognitoIdentityProviderClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
});
afterAll(async () => {
  cognito?.destroy();
  await server?.close();
});

const tokenUrl = () => `${localDomainUrl(endpoint, 'shop-auth')}/oauth2/token`;
const requestToken = (body: string, headers: Record<string, string> = {}) =>
  fetch(tokenUrl(), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
const basic = `Basic ${Buffer.from(`${machine.clientId}:${machine.secret}`).toString('base64')}`;

describe('the token endpoint over HTTP', () => {
  it('answers a client-credentials grant with a token aws-jwt-verify accepts, given the local JWKS', async () => {
    const response = await requestToken('grant_type=client_credentials&scope=shop/orders.read', {
      Authorization: basic,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { access_token: accessToken } = (await response.json()) as { access_token: string };

    const verifier = CognitoJwtVerifier.create({
      userPoolId: pool.id,
      tokenUse: 'access',
      clientId: machine.clientId,
      scope: 'shop/orders.read',
    });
    const jwks = await (await fetch(`${endpoint}/${pool.id}/.well-known/jwks.json`)).json();
    verifier.cacheJwks(jwks as Parameters<typeof verifier.cacheJwks>[0]);
    await expect(verifier.verify(accessToken)).resolves.toMatchObject({
      client_id: machine.clientId,
      token_use: 'access',
      scope: 'shop/orders.read',
    });
    // The verifier is not a rubber stamp: another client id, a changed token.
    const strict = CognitoJwtVerifier.create({ userPoolId: pool.id, tokenUse: 'access', clientId: 'other' });
    strict.cacheJwks(jwks as Parameters<typeof strict.cacheJwks>[0]);
    await expect(strict.verify(accessToken)).rejects.toThrow();
    await expect(verifier.verify(`${accessToken.slice(0, -4)}AAAA`)).rejects.toThrow();
  });

  it('answers errors as JSON with the code, and an unknown domain with 404', async () => {
    const refused = await requestToken('grant_type=client_credentials', {
      Authorization: `Basic ${Buffer.from(`${machine.clientId}:wrong`).toString('base64')}`,
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: 'invalid_client' });
    const nowhere = await fetch(`${localDomainUrl(endpoint, 'nope')}/oauth2/token`, { method: 'POST' });
    expect(nowhere.status).toBe(404);
  });

  it('serves the OpenID configuration under the issuer`s path', async () => {
    const config = (await (
      await fetch(`${endpoint}/${pool.id}/.well-known/openid-configuration`)
    ).json()) as Record<string, unknown>;
    expect(config).toMatchObject({
      issuer: pool.issuer,
      jwks_uri: `${endpoint}/${pool.id}/.well-known/jwks.json`,
      token_endpoint: tokenUrl(),
    });
    expect((await fetch(`${endpoint}/us-east-1_nosuchpool/.well-known/jwks.json`)).status).toBe(404);
  });
});

describe('the cognito-idp API through the AWS SDK', () => {
  it('describes a client with its secret, as a user fetches it', async () => {
    const { UserPoolClient } = await cognito.send(
      new DescribeUserPoolClientCommand({ UserPoolId: pool.id, ClientId: machine.clientId }),
    );
    expect(UserPoolClient).toMatchObject({
      UserPoolId: pool.id,
      ClientId: machine.clientId,
      ClientSecret: machine.secret,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthScopes: ['shop/orders.read', 'shop/orders.write'],
      AllowedOAuthFlowsUserPoolClient: true,
      AccessTokenValidity: 30,
      TokenValidityUnits: { AccessToken: 'minutes' },
    });
    expect(UserPoolClient?.CreationDate).toBeInstanceOf(Date);
  });

  it('describes and lists pools and their clients, pages included', async () => {
    const { UserPool } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: pool.id }));
    expect(UserPool).toMatchObject({
      Id: pool.id,
      Name: 'shop-users',
      Arn: pool.arn,
      Domain: 'shop-auth',
      UsernameAttributes: ['email'],
      Policies: {
        PasswordPolicy: { MinimumLength: 12, RequireSymbols: true, TemporaryPasswordValidityDays: 1 },
      },
      EstimatedNumberOfUsers: 0,
    });
    const first = await cognito.send(new ListUserPoolsCommand({ MaxResults: 1 }));
    expect(first.UserPools?.map((p) => p.Id)).toEqual([pool.id]);
    const second = await cognito.send(
      new ListUserPoolsCommand({ MaxResults: 1, NextToken: first.NextToken }),
    );
    expect(second.UserPools).toHaveLength(1);
    expect(second.NextToken).toBeUndefined();
    const clients = await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: pool.id }));
    expect(clients.UserPoolClients?.map((c) => c.ClientId).sort()).toEqual([...pool.clients.keys()].sort());
  });

  it('answers unknown pools and clients as AWS does, and operations it lacks as the other services do', async () => {
    await expect(
      cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: pool.id, ClientId: 'nope' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(cognito.send(new DescribeUserPoolCommand({ UserPoolId: 'us-east-1_nope' }))).rejects.toThrow(
      'User pool us-east-1_nope does not exist.',
    );
    await expect(cognito.send(new ListUserPoolsCommand({} as never))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    const unknown = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'X-Amz-Target': 'AWSCognitoIdentityProviderService.SignUp',
        'Content-Type': 'application/x-amz-json-1.1',
      },
      body: '{}',
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ __type: 'UnknownOperationException' });
  });
});
