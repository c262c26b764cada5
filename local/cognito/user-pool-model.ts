import type { AttributeRule } from './attribute-schema';

/**
 * What the local Cognito knows about the user pools of an assembly, built from the resolved
 * AWS::Cognito::* resources by `buildUserPools`. Plain data: the token endpoint, the authorizer's token
 * check and the `cognito-idp` API read it, never the template.
 */

export interface UserPoolModel {
  /** `<region>_<9 letters or digits>`, what `Ref` of the pool resolves to. */
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>`: the `iss` of its tokens, as in AWS. */
  readonly issuer: string;
  /** Domain prefixes (`shop-auth` of `shop-auth.auth.<region>.amazoncognito.com`). */
  readonly domains: readonly string[];
  readonly resourceServers: readonly ResourceServerModel[];
  /** By client id. */
  readonly clients: ReadonlyMap<string, AppClientModel>;
  /**
   * The attributes a user may have, by full name (`email`, `custom:customerId`): the standard ones and
   * those the pool's `Schema` declares, with its constraints.
   */
  readonly attributes: ReadonlyMap<string, AttributeRule>;
  readonly passwordPolicy: PasswordPolicy;
  /**
   * `UsernameAttributes` (`email`, `phone_number`): users sign in with one of these instead of a username,
   * and Cognito makes their username for them.
   */
  readonly usernameAttributes: readonly string[];
  /** `AliasAttributes` (`email`, `phone_number`, `preferred_username`): sign-in names besides the username. */
  readonly aliasAttributes: readonly string[];
  readonly stackName: string;
  readonly logicalId: string;
}

/** `Policies.PasswordPolicy`, with Cognito's defaults for what the template leaves out. */
export interface PasswordPolicy {
  readonly minimumLength: number;
  readonly requireLowercase: boolean;
  readonly requireUppercase: boolean;
  readonly requireNumbers: boolean;
  readonly requireSymbols: boolean;
  /** How long an admin's temporary password signs a user in (`TemporaryPasswordValidityDays`). */
  readonly temporaryPasswordValidityDays: number;
}

export interface ResourceServerModel {
  readonly identifier: string;
  readonly name: string;
  /** Scope names without the identifier (`orders.read`). */
  readonly scopes: readonly { readonly name: string; readonly description: string }[];
}

export interface AppClientModel {
  readonly clientId: string;
  readonly clientName: string;
  readonly userPoolId: string;
  /** Absent for a public client (no `GenerateSecret`). */
  readonly secret?: string;
  /** `client_credentials`, `code`, `implicit`. */
  readonly allowedOAuthFlows: readonly string[];
  /** Whether the client may use the OAuth flows at all (`AllowedOAuthFlowsUserPoolClient`). */
  readonly oauthEnabled: boolean;
  /** Full scope names (`shop/orders.read`, `openid`). */
  readonly allowedOAuthScopes: readonly string[];
  /** How long its access tokens live. */
  readonly accessTokenValiditySeconds: number;
  readonly idTokenValiditySeconds: number;
  readonly refreshTokenValiditySeconds: number;
  /** `ExplicitAuthFlows` (`ALLOW_USER_PASSWORD_AUTH`, `ALLOW_REFRESH_TOKEN_AUTH`, ...). */
  readonly explicitAuthFlows: readonly string[];
  /** The user attributes its tokens carry (`ReadAttributes`); undefined: all of them. */
  readonly readAttributes?: readonly string[];
  /** The template's properties, for `DescribeUserPoolClient`. */
  readonly properties: Readonly<Record<string, unknown>>;
}
