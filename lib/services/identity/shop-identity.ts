import { Aws, CfnOutput, Duration, Fn, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { PUBLIC_API_SCOPES, type PublicApiScope, SHOP_RESOURCE_SERVER } from '../../config/public-api-scopes';
import type { StageConfig } from '../../config/stage-config';

export interface ShopIdentityProps {
  readonly config: StageConfig;
}

/** How long an access token from the token endpoint is good for: a client fetches a new one hourly. */
export const ACCESS_TOKEN_VALIDITY = Duration.hours(1);

/**
 * The shop's Cognito user pool as the public API's authorization server: the resource server `shop` with
 * its scopes, and the pool's domain, whose `/oauth2/token` endpoint hands out access tokens by the OAuth
 * 2.0 client-credentials grant. Nobody signs up: clients are registered by the shop. Stages with test
 * hooks get one test client with every scope (its id is an output; its secret only on `local`, whose
 * outputs file stays on the developer's machine).
 */
export class ShopIdentity extends Construct {
  readonly userPool: cognito.UserPool;
  readonly resourceServer: cognito.UserPoolResourceServer;
  readonly scopes: Readonly<Record<PublicApiScope, cognito.OAuthScope>>;
  readonly tokenUrl: string;
  readonly testClient?: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: ShopIdentityProps) {
    super(scope, id);
    const { config } = props;

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: `${config.stackPrefix}-users`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(1),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      removalPolicy: config.data.removalPolicy,
      deletionProtection: config.data.deletionProtection,
    });

    const serverScopes = Object.entries(PUBLIC_API_SCOPES).map(
      ([scopeName, scopeDescription]) => new cognito.ResourceServerScope({ scopeName, scopeDescription }),
    );
    this.resourceServer = this.userPool.addResourceServer('Shop', {
      identifier: SHOP_RESOURCE_SERVER,
      userPoolResourceServerName: 'Shop public API',
      scopes: serverScopes,
    });
    this.scopes = Object.fromEntries(
      serverScopes.map((s) => [s.scopeName, cognito.OAuthScope.resourceServer(this.resourceServer, s)]),
    ) as Record<PublicApiScope, cognito.OAuthScope>;

    // A domain prefix is unique per region across all accounts: the account id makes it ours.
    const domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: Fn.join('-', ['shop', config.stage, Aws.ACCOUNT_ID]) },
    });
    this.tokenUrl = `${domain.baseUrl()}/oauth2/token`;
    new CfnOutput(this, 'TokenUrl', {
      key: 'PublicApiTokenUrl',
      value: this.tokenUrl,
      description: 'Token endpoint of the public API (OAuth 2.0 client credentials)',
    });
    new CfnOutput(this, 'UserPoolId', {
      key: 'PublicApiUserPoolId',
      value: this.userPool.userPoolId,
      description: "The user pool that issues the public API's access tokens",
    });

    if (config.testHooks) this.testClient = this.addTestClient(config);

    Validations.of(this.userPool).acknowledge(
      {
        id: 'AwsSolutions-COG2',
        reason:
          'No one signs in with a password yet: the public API is called by registered clients with the client-credentials grant, where MFA does not apply.',
      },
      {
        id: 'AwsSolutions-COG8',
        reason:
          'Threat protection needs the Plus feature plan, priced per monthly active user; no user signs in yet. Revisit with the sign-in of the shop apps.',
      },
    );
  }

  /** A client with every scope, for the end-to-end suite, the bench and the README walk-through. */
  private addTestClient(config: StageConfig): cognito.UserPoolClient {
    const client = this.userPool.addClient('TestClient', {
      userPoolClientName: 'test-client',
      generateSecret: true,
      authFlows: {},
      oAuth: {
        flows: { clientCredentials: true },
        scopes: Object.values(this.scopes),
      },
      accessTokenValidity: ACCESS_TOKEN_VALIDITY,
      preventUserExistenceErrors: true,
    });
    client.node.addDependency(this.resourceServer);
    new CfnOutput(this, 'TestClientId', {
      key: 'PublicApiClientId',
      value: client.userPoolClientId,
      description: 'A test client of the public API with every scope',
    });
    if (config.stage === 'local') {
      // The L1 attribute rather than `userPoolClientSecret`, which deploys a custom resource (a Lambda
      // calling DescribeUserPoolClient) only to read what CloudFormation already returns.
      new CfnOutput(this, 'TestClientSecret', {
        key: 'PublicApiClientSecret',
        value: (client.node.defaultChild as cognito.CfnUserPoolClient).attrClientSecret,
        description: "The local test client's secret (written only by the local stage)",
      });
    }
    return client;
  }
}
