import { Aws, CfnOutput, Duration, Fn, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { CUSTOMER_ID_ATTRIBUTE } from '../../../lambdas/bff/contract';
import { PUBLIC_API_SCOPES, type PublicApiScope, SHOP_RESOURCE_SERVER } from '../../config/public-api-scopes';
import type { StageConfig } from '../../config/stage-config';

export interface ShopIdentityProps {
  readonly config: StageConfig;
}

/** How long an access token from the token endpoint is good for: a client fetches a new one hourly. */
export const ACCESS_TOKEN_VALIDITY = Duration.hours(1);

/**
 * The shop's Cognito user pool, in two roles. As the public API's authorization server: the resource
 * server `shop` with its scopes, and the pool's domain, whose `/oauth2/token` endpoint hands out access
 * tokens by the OAuth 2.0 client-credentials grant. Stages with test hooks get one test client with every
 * scope (its id is an output; its secret only on `local`, whose outputs file stays on the developer's
 * machine). And as the shop's apps' sign-in: users (created by the shop: nobody signs up) with a
 * `custom:customerId` naming the customer they act as, and an app client per app (no secret: an app on a
 * phone or in a browser cannot keep one) for USER_PASSWORD_AUTH and refresh.
 */
export class ShopIdentity extends Construct {
  readonly userPool: cognito.UserPool;
  readonly resourceServer: cognito.UserPoolResourceServer;
  readonly scopes: Readonly<Record<PublicApiScope, cognito.OAuthScope>>;
  readonly tokenUrl: string;
  readonly testClient?: cognito.UserPoolClient;
  readonly appClients: Readonly<Record<'web' | 'mobile', cognito.UserPoolClient>>;

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
      // Set by the shop when it creates a user; a user can read it but never change whose orders they see.
      customAttributes: {
        [CUSTOMER_ID_ATTRIBUTE]: new cognito.StringAttribute({ minLen: 36, maxLen: 36, mutable: true }),
      },
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
    this.appClients = { web: this.addAppClient('web', 'Web'), mobile: this.addAppClient('mobile', 'Mobile') };
    new CfnOutput(this, 'AppsUserPoolId', {
      key: 'UserPoolId',
      value: this.userPool.userPoolId,
      description: "The user pool the shop's apps sign their users in with",
    });

    Validations.of(this.userPool).acknowledge(
      {
        id: 'AwsSolutions-COG2',
        reason:
          "The apps' users sign in with a password and no second factor yet: MFA (TOTP) is a product decision on the apps' sign-in flow, to make with them; the public API's clients use client credentials, where MFA does not apply.",
      },
      {
        id: 'AwsSolutions-COG8',
        reason:
          "Threat protection needs the Plus feature plan, priced per monthly active user: a cost decision for when the apps have users; until then the apps' usage plans bound what one key can do.",
      },
    );
  }

  /**
   * An app's client: users sign in with their password (USER_PASSWORD_AUTH, for apps without the SRP
   * library; TLS protects it) and stay signed in by refresh token. It may read the customer attribute and
   * never write it: the shop links a user to a customer, the user cannot re-link themselves.
   */
  private addAppClient(app: 'web' | 'mobile', id: string): cognito.UserPoolClient {
    const client = this.userPool.addClient(`${id}AppClient`, {
      userPoolClientName: `${app}-app`,
      generateSecret: false,
      authFlows: { userPassword: true },
      // No hosted UI and no redirects: the app signs its users in through InitiateAuth itself.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true })
        .withCustomAttributes(CUSTOMER_ID_ATTRIBUTE),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }),
    });
    new CfnOutput(this, `${id}AppClientId`, {
      key: app === 'web' ? 'UserPoolClientId' : 'MobileUserPoolClientId',
      value: client.userPoolClientId,
      description: `The ${app} app's client of the user pool (USER_PASSWORD_AUTH)`,
    });
    return client;
  }

  /** A client with every scope, for the end-to-end suite, the bench and the README's walk-through. */
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
