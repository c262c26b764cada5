import { buildUserPools } from '../../cognito/build-user-pools';
import { LocalUserPools } from '../../cognito/local-user-pools';
import type { AppClientModel, UserPoolModel } from '../../cognito/user-pool-model';
import type { ResolvedResource } from '../../model/resolved-resource';
import type { CfnTemplate } from '../../template/cfn-template';
import { resolveAssembly } from '../../template/resolve-assembly';

/**
 * User pools for the local Cognito's tests, written the way CDK synthesizes them (scopes joined from the
 * resource server's Ref, the secret read through CDK's custom resource) and resolved by the real
 * resolver, so the tests see the ids and attributes the local cloud gives them.
 */
export const STACK = 'Auth';

const scope = (name: string) => ({ 'Fn::Join': ['', [{ Ref: 'Shop' }, `/${name}`]] });

export const USER_POOL_TEMPLATE: CfnTemplate = {
  Resources: {
    Pool: {
      Type: 'AWS::Cognito::UserPool',
      Properties: {
        UserPoolName: 'shop-users',
        // As the shop's pool: users sign in with their email, Cognito makes their usernames.
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
        // As CDK writes them: a required standard attribute, a custom one with its bounds as strings.
        Schema: [
          { Name: 'email', Required: true, Mutable: true },
          {
            Name: 'customerId',
            AttributeDataType: 'String',
            Mutable: true,
            StringAttributeConstraints: { MinLength: '36', MaxLength: '36' },
          },
        ],
        Policies: {
          PasswordPolicy: {
            MinimumLength: 12,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
            TemporaryPasswordValidityDays: 1,
          },
        },
      },
    },
    // Users with usernames of their own, who may also sign in with their email once it is verified.
    OtherPool: {
      Type: 'AWS::Cognito::UserPool',
      Properties: { AliasAttributes: ['email'], Schema: [{ Name: 'email', Required: true, Mutable: true }] },
    },
    Shop: {
      Type: 'AWS::Cognito::UserPoolResourceServer',
      Properties: {
        UserPoolId: { Ref: 'Pool' },
        Identifier: 'shop',
        Name: 'shop',
        Scopes: [
          { ScopeName: 'orders.read', ScopeDescription: 'Read' },
          { ScopeName: 'orders.write', ScopeDescription: 'Write' },
        ],
      },
    },
    Machine: {
      Type: 'AWS::Cognito::UserPoolClient',
      Properties: {
        UserPoolId: { Ref: 'Pool' },
        GenerateSecret: true,
        AllowedOAuthFlows: ['client_credentials'],
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthScopes: [scope('orders.read'), scope('orders.write')],
        AccessTokenValidity: 30,
        TokenValidityUnits: { AccessToken: 'minutes' },
      },
    },
    MachineSecret: {
      Type: 'Custom::DescribeCognitoUserPoolClient',
      Properties: {
        ServiceToken: 'arn:aws:lambda:us-east-1:000000000000:function:provider',
        Create: {
          'Fn::Join': [
            '',
            [
              '{"region":"us-east-1","service":"CognitoIdentityServiceProvider","action":"describeUserPoolClient","parameters":{"UserPoolId":"',
              { Ref: 'Pool' },
              '","ClientId":"',
              { Ref: 'Machine' },
              '"},"physicalResourceId":{"id":"',
              { Ref: 'Machine' },
              '"},"logApiResponseData":false}',
            ],
          ],
        },
        InstallLatestAwsSdk: false,
      },
    },
    // A web client: no secret, code flow only.
    Web: {
      Type: 'AWS::Cognito::UserPoolClient',
      Properties: {
        UserPoolId: { Ref: 'Pool' },
        ClientName: 'web',
        AllowedOAuthFlows: ['code'],
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthScopes: ['openid'],
      },
    },
    // An app's client: users sign in with their password, no secret, no OAuth.
    App: {
      Type: 'AWS::Cognito::UserPoolClient',
      Properties: {
        UserPoolId: { Ref: 'Pool' },
        ClientName: 'app',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        PreventUserExistenceErrors: 'ENABLED',
        IdTokenValidity: 15,
        TokenValidityUnits: { IdToken: 'minutes' },
        ReadAttributes: ['email', 'custom:customerId'],
      },
    },
    // A server-side app's client: signs users in too, proving its secret with SECRET_HASH.
    SecretApp: {
      Type: 'AWS::Cognito::UserPoolClient',
      Properties: {
        UserPoolId: { Ref: 'Pool' },
        GenerateSecret: true,
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      },
    },
    // A confidential client that is not allowed the client-credentials flow.
    Backend: {
      Type: 'AWS::Cognito::UserPoolClient',
      Properties: {
        UserPoolId: { Ref: 'Pool' },
        GenerateSecret: true,
        AllowedOAuthFlows: ['code'],
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthScopes: [scope('orders.read')],
      },
    },
    OtherMachine: {
      Type: 'AWS::Cognito::UserPoolClient',
      Properties: {
        UserPoolId: { Ref: 'OtherPool' },
        GenerateSecret: true,
        AllowedOAuthFlows: ['client_credentials'],
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthScopes: ['other/things.read'],
      },
    },
    OtherApp: {
      Type: 'AWS::Cognito::UserPoolClient',
      Properties: {
        UserPoolId: { Ref: 'OtherPool' },
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      },
    },
    Domain: {
      Type: 'AWS::Cognito::UserPoolDomain',
      Properties: { UserPoolId: { Ref: 'Pool' }, Domain: 'shop-auth' },
    },
    OtherDomain: {
      Type: 'AWS::Cognito::UserPoolDomain',
      Properties: { UserPoolId: { Ref: 'OtherPool' }, Domain: 'other-auth' },
    },
  },
  Outputs: {
    TokenUrl: {
      Value: {
        'Fn::Join': ['', ['https://', { Ref: 'Domain' }, '.auth.us-east-1.amazoncognito.com/oauth2/token']],
      },
    },
    MachineSecret: { Value: { 'Fn::GetAtt': ['MachineSecret', 'UserPoolClient.ClientSecret'] } },
  },
};

export interface UserPoolsFixture {
  readonly resources: readonly ResolvedResource[];
  readonly outputs: Readonly<Record<string, string>>;
  readonly userPools: LocalUserPools;
  readonly pool: UserPoolModel;
  readonly otherPool: UserPoolModel;
  client(
    logicalId: 'Machine' | 'Web' | 'Backend' | 'OtherMachine' | 'App' | 'SecretApp' | 'OtherApp',
  ): AppClientModel;
}

export function userPoolsFixture(options: { dataDir?: string; now?: () => number } = {}): UserPoolsFixture {
  const resolved = resolveAssembly([{ stackName: STACK, template: USER_POOL_TEMPLATE }]);
  const idOf = (logicalId: string) => {
    const found = resolved.resources.find((resource) => resource.logicalId === logicalId);
    if (!found) throw new Error(`no resource ${logicalId}`);
    return found.physicalId;
  };
  const { pools } = buildUserPools(resolved.resources);
  const userPools = new LocalUserPools(pools, options);
  const poolOf = (logicalId: string) => {
    const pool = userPools.pool(idOf(logicalId));
    if (!pool) throw new Error(`no pool ${logicalId}`);
    return pool;
  };
  const pool = poolOf('Pool');
  const otherPool = poolOf('OtherPool');
  return {
    resources: resolved.resources,
    outputs: resolved.outputs[STACK] ?? {},
    userPools,
    pool,
    otherPool,
    client(logicalId) {
      const id = idOf(logicalId);
      const client = pool.clients.get(id) ?? otherPool.clients.get(id);
      if (!client) throw new Error(`no client ${logicalId}`);
      return client;
    },
  };
}
