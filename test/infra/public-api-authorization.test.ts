import { PUBLIC_API_SCOPES } from '../../lib/config/public-api-scopes';
import { STAGE_NAMES, STAGES } from '../../lib/config/stage-config';
import { routesOf } from '../helpers/api-template';
import {
  logicalIdOf,
  referencedId,
  renderString,
  resourceOf,
  resourcesOfType,
  shopTemplates,
} from '../helpers/shop-templates';

/** What each route of the public API asks of a caller's access token (DESIGN.md: "Who may call the public API"). */
const ROUTE_SCOPES: Record<string, string> = {
  'POST /orders': 'shop/orders.write',
  'GET /orders/{orderId}': 'shop/orders.read',
  'GET /orders/{orderId}/history': 'shop/orders.read',
  'POST /orders/{orderId}/cancel': 'shop/orders.write',
  'GET /orders/{orderId}/callbacks': 'shop/orders.read',
  'POST /orders/{orderId}/callbacks/replay': 'shop/orders.write',
  'POST /customers': 'shop/customers.write',
  'GET /customers/{customerId}': 'shop/customers.read',
  'GET /customers/{customerId}/orders': 'shop/orders.read',
  'PUT /inventory/{sku}': 'shop/inventory.admin',
  'GET /inventory/{sku}': 'shop/inventory.admin',
};

describe.each(STAGE_NAMES)('who may call the public API (%s)', (stage) => {
  const { edge, stacks } = shopTemplates(stage);
  const config = STAGES[stage];
  const { identity, publicApi } = stacks.edge;
  const restApi = logicalIdOf(publicApi.api);
  const userPool = logicalIdOf(identity.userPool);
  const routes = routesOf(edge, restApi);

  it("every route but the CORS preflight and the public catalogue needs a token from the shop's user pool with the route's one scope", () => {
    const authorizers = resourcesOfType(edge, 'AWS::ApiGateway::Authorizer');
    expect(authorizers).toHaveLength(1);
    const [authorizerId, authorizer] = authorizers[0] as (typeof authorizers)[number];
    expect(authorizer.Properties).toMatchObject({
      Type: 'COGNITO_USER_POOLS',
      IdentitySource: 'method.request.header.Authorization',
      ProviderARNs: [{ 'Fn::GetAtt': [userPool, 'Arn'] }],
    });
    const secured = routes.filter(({ method, path }) => method !== 'OPTIONS' && path !== '/products/{sku}');
    // The one anonymous route: the catalogue, for anyone.
    expect(routes.find(({ path }) => path === '/products/{sku}')?.properties.AuthorizationType).toBe('NONE');
    expect(
      Object.fromEntries(secured.map((r) => [`${r.method} ${r.path}`, r.properties.AuthorizationScopes])),
    ).toEqual(
      Object.fromEntries(
        Object.entries(ROUTE_SCOPES)
          // Test hooks: the stock, and the callback replay.
          .filter(([route]) => config.testHooks || !/\/inventory\/|\/replay$/.test(route))
          .map(([route, scope]) => [route, [scope]]),
      ),
    );
    for (const { properties } of secured) {
      expect(properties.AuthorizationType).toBe('COGNITO_USER_POOLS');
      expect(referencedId(properties.AuthorizerId)).toBe(authorizerId);
    }
    // Browsers send the preflight without credentials: it must stay anonymous, and it runs no code.
    for (const { properties } of routes.filter(({ method }) => method === 'OPTIONS')) {
      expect(properties.AuthorizationType).toBe('NONE');
      expect(properties.Integration).toMatchObject({ Type: 'MOCK' });
    }
    expect(routes.some(({ method }) => method === 'OPTIONS')).toBe(config.api.corsOrigins.length > 0);
  });

  it('the user pool: no sign-up, a strong password policy, the stage retention; one resource server `shop` with every scope', () => {
    expect(resourceOf(edge, userPool).Properties).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: { PasswordPolicy: expect.objectContaining({ MinimumLength: 12, RequireSymbols: true }) },
      DeletionProtection: config.data.deletionProtection ? 'ACTIVE' : 'INACTIVE',
    });
    expect(resourceOf(edge, userPool).DeletionPolicy).toBe(stage === 'prod' ? 'Retain' : 'Delete');
    const servers = resourcesOfType(edge, 'AWS::Cognito::UserPoolResourceServer');
    expect(servers.map(([, s]) => s.Properties)).toEqual([
      expect.objectContaining({
        Identifier: 'shop',
        UserPoolId: { Ref: userPool },
        Scopes: Object.entries(PUBLIC_API_SCOPES).map(([ScopeName, ScopeDescription]) => ({
          ScopeName,
          ScopeDescription,
        })),
      }),
    ]);
  });

  it('the token endpoint is an output: the Cognito domain of this stage and account', () => {
    const domains = resourcesOfType(edge, 'AWS::Cognito::UserPoolDomain');
    expect(domains).toHaveLength(1);
    const [domainId, domain] = domains[0] as (typeof domains)[number];
    expect(renderString(domain.Properties.Domain)).toBe(`shop-${stage}-\${AWS::AccountId}`);
    expect(renderString(edge.findOutputs('PublicApiTokenUrl').PublicApiTokenUrl?.Value)).toBe(
      `https://\${${domainId}}.auth.\${AWS::Region}.amazoncognito.com/oauth2/token`,
    );
    expect(edge.findOutputs('PublicApiUserPoolId').PublicApiUserPoolId?.Value).toEqual({ Ref: userPool });
  });

  it('a test client with every scope only where the stage has test hooks; its secret is an output only on local', () => {
    // Besides the apps' clients (apps.test.ts), which sign users in and have no scope of the public API.
    const clients = resourcesOfType(edge, 'AWS::Cognito::UserPoolClient').filter(
      ([, client]) => client.Properties.ClientName === 'test-client',
    );
    expect(clients).toHaveLength(config.testHooks ? 1 : 0);
    const outputs = Object.keys(edge.toJSON().Outputs ?? {});
    expect(outputs.includes('PublicApiClientId')).toBe(config.testHooks);
    expect(outputs.includes('PublicApiClientSecret')).toBe(stage === 'local');
    // No secret reaches the template any other way: not through a custom resource's Lambda either.
    expect(resourcesOfType(edge, 'Custom::DescribeCognitoUserPoolClient')).toEqual([]);
    if (clients.length === 0) return;
    const [clientId, client] = clients[0] as (typeof clients)[number];
    expect(client.Properties).toMatchObject({
      GenerateSecret: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthFlowsUserPoolClient: true,
      AccessTokenValidity: 60,
      TokenValidityUnits: expect.objectContaining({ AccessToken: 'minutes' }),
    });
    expect(
      (client.Properties.AllowedOAuthScopes as unknown[]).map((scope) => renderString(scope)).sort(),
    ).toEqual(
      Object.keys(PUBLIC_API_SCOPES)
        .map((scope) => `\${${logicalIdOf(identity.resourceServer)}}/${scope}`)
        .sort(),
    );
    if (stage === 'local') {
      expect(edge.findOutputs('PublicApiClientSecret').PublicApiClientSecret?.Value).toEqual({
        'Fn::GetAtt': [clientId, 'ClientSecret'],
      });
    }
  });

  it('the 401 and 403 the authorizer answers are problem+json like every other error', () => {
    const responses = resourcesOfType(edge, 'AWS::ApiGateway::GatewayResponse').map(([, r]) => r.Properties);
    for (const [type, status] of [
      ['UNAUTHORIZED', '401'],
      ['ACCESS_DENIED', '403'],
    ]) {
      expect(responses).toContainEqual(
        expect.objectContaining({
          ResponseType: type,
          StatusCode: status,
          ResponseParameters: expect.objectContaining({
            'gatewayresponse.header.Content-Type': "'application/problem+json'",
          }),
        }),
      );
    }
  });
});
