import { isRecord } from '../cfn-template';
import { mixedId, shortId } from '../deterministic-ids';
import { arn, type LocalEnvironment } from '../local-environment';
import { generatedName, isTrue, seedOf, stringProperty } from './names';
import type { IdentityRule } from './types';

/**
 * Cognito user pools. AWS makes up the pool id (`<region>_<9 letters or digits>`), the client id (26
 * lowercase letters and digits) and the client secret; here they come from the resource's place in the
 * assembly, so a token URL, client id or secret a developer saved keeps working after a restart.
 */

/** The issuer of the pool's tokens without its scheme: `cognito-idp.<region>.amazonaws.com/<poolId>`. */
export function userPoolProviderName(poolId: string, env: LocalEnvironment): string {
  return `cognito-idp.${env.region}.${env.urlSuffix}/${poolId}`;
}

/**
 * The secret of an app client that has one: derived from its id, so that the custom resource CDK reads it
 * with (below), which knows only the id, finds the same secret. 51 characters, as Cognito's are.
 */
export function clientSecretOf(clientId: string): string {
  return shortId(`user-pool-client-secret/${clientId}`, 51);
}

const userPool: IdentityRule = (resource, env) => {
  const poolId = `${env.region}_${mixedId(seedOf(resource, 'user-pool'), 9)}`;
  const providerName = userPoolProviderName(poolId, env);
  return {
    physicalId: poolId,
    attributes: {
      Arn: arn(env, 'cognito-idp', `userpool/${poolId}`),
      ProviderName: providerName,
      ProviderURL: `https://${providerName}`,
      UserPoolId: poolId,
    },
  };
};

const userPoolClient: IdentityRule = (resource) => {
  const clientId = shortId(seedOf(resource, 'user-pool-client'), 26);
  return {
    physicalId: clientId,
    attributes: {
      ClientId: clientId,
      Name: stringProperty(resource, 'ClientName') ?? generatedName(resource, 128),
      ...(isTrue(resource.properties.GenerateSecret) ? { ClientSecret: clientSecretOf(clientId) } : {}),
    },
  };
};

/**
 * What `userPoolClient.userPoolClientSecret` synthesizes to in CDK: an AwsCustomResource calling
 * `describeUserPoolClient` whose `UserPoolClient.ClientSecret` attribute holds the secret. Its Lambda
 * function never runs: the call it would make is answered here from the parameters it carries.
 */
const describeUserPoolClient: IdentityRule = (resource) => {
  const call = sdkCall(resource.properties.Create ?? resource.properties.Update);
  const parameters = isRecord(call?.parameters) ? call.parameters : {};
  const clientId = typeof parameters.ClientId === 'string' ? parameters.ClientId : undefined;
  const physicalResourceId = isRecord(call?.physicalResourceId) ? call.physicalResourceId.id : undefined;
  const attributes: Record<string, string> = {};
  if (clientId) attributes['UserPoolClient.ClientSecret'] = clientSecretOf(clientId);
  return {
    physicalId: typeof physicalResourceId === 'string' ? physicalResourceId : generatedName(resource, 255),
    attributes,
  };
};

/** An AwsCustomResource's `Create` / `Update`: the SDK call as a JSON string (or object). */
function sdkCall(value: unknown): Record<string, unknown> | undefined {
  if (isRecord(value)) return value;
  if (typeof value !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export const DESCRIBE_USER_POOL_CLIENT_TYPE = 'Custom::DescribeCognitoUserPoolClient';

export const COGNITO_RULES: Readonly<Record<string, IdentityRule>> = {
  'AWS::Cognito::UserPool': userPool,
  'AWS::Cognito::UserPoolClient': userPoolClient,
  // CloudFormation's Ref of a resource server is its identifier, the prefix of its scopes (`shop/read`).
  'AWS::Cognito::UserPoolResourceServer': (resource) => ({
    physicalId: stringProperty(resource, 'Identifier') ?? resource.logicalId,
    attributes: {},
  }),
  // Ref of a domain is the prefix (`shop-auth` of `shop-auth.auth.<region>.amazoncognito.com`).
  'AWS::Cognito::UserPoolDomain': (resource) => ({
    physicalId: stringProperty(resource, 'Domain') ?? generatedName(resource, 63, { lowercase: true }),
    attributes: {},
  }),
  [DESCRIBE_USER_POOL_CLIENT_TYPE]: describeUserPoolClient,
};
