/**
 * The local Cognito user pools: `buildUserPools` reads resolved AWS::Cognito::* resources,
 * `LocalUserPools` issues and verifies their tokens, `UserPoolRoutes` serves each domain's token endpoint
 * and each pool's JWKS on the local endpoint, and `CognitoIdentityProviderService` answers the read-only
 * part of the `cognito-idp` API.
 */
export { buildUserPools } from './build-user-pools';
export { CognitoIdentityProviderService } from './cognito-idp-service';
export { LocalUserPools, type LocalUserPoolsOptions } from './local-user-pools';
export type * from './user-pool-model';
export { localDomainUrl, UserPoolRoutes } from './user-pool-routes';
export type { VerifiedUserPoolToken } from './verify-token';
