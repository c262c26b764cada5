import {
  booleanProp,
  isRecord,
  numberProp,
  recordProp,
  recordsProp,
  stringProp,
  stringsProp,
} from '../apigateway/resource-properties';
import type { ResolvedResource } from '../model/resolved-resource';
import { attributeRules } from './attribute-schema';
import type { AppClientModel, PasswordPolicy, ResourceServerModel, UserPoolModel } from './user-pool-model';

const T = 'AWS::Cognito::';

/** Cognito's default token lifetimes: access and ID tokens an hour, refresh tokens 30 days. */
const DEFAULT_ACCESS_TOKEN_SECONDS = 3600;
const DEFAULT_ID_TOKEN_SECONDS = 3600;
const DEFAULT_REFRESH_TOKEN_SECONDS = 30 * 86400;
/** `TokenValidityUnits` values; CloudFormation's default unit is hours. */
const UNIT_SECONDS: Readonly<Record<string, number>> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

/**
 * The user pools of fully resolved resources (any number of stacks) with their domains, resource servers
 * and app clients. What the local cloud cannot honour lands in `warnings`, one line each.
 */
export function buildUserPools(resources: readonly ResolvedResource[]): {
  pools: UserPoolModel[];
  warnings: string[];
} {
  const warnings: string[] = [];
  const warn = (resource: ResolvedResource, message: string) =>
    warnings.push(`${resource.stackName}/${resource.logicalId} (${resource.type}) ${message}`);
  const byType = (type: string) => resources.filter((resource) => resource.type === `${T}${type}`);
  const ofPool = (type: string, poolId: string) =>
    byType(type).filter((resource) => stringProp(resource.properties, 'UserPoolId') === poolId);

  const pools = byType('UserPool').map((pool): UserPoolModel => {
    const id = pool.physicalId;
    if (Object.keys(recordProp(pool.properties, 'LambdaConfig')).length > 0) {
      warn(pool, 'has Lambda triggers; the local cloud does not run them');
    }
    const domains: string[] = [];
    for (const domain of ofPool('UserPoolDomain', id)) {
      if (isRecord(domain.properties.CustomDomainConfig)) {
        warn(domain, 'is a custom domain; the local cloud serves only prefix domains (<prefix>.auth...)');
      } else {
        domains.push(domain.physicalId);
      }
    }
    return {
      id,
      arn: pool.attributes.Arn ?? id,
      name: stringProp(pool.properties, 'UserPoolName') ?? pool.logicalId,
      issuer: pool.attributes.ProviderURL ?? id,
      domains,
      resourceServers: ofPool('UserPoolResourceServer', id).map(resourceServer),
      clients: new Map(
        ofPool('UserPoolClient', id).map((client) => [client.physicalId, appClient(client, id)]),
      ),
      attributes: attributeRules(recordsProp(pool.properties, 'Schema')),
      passwordPolicy: passwordPolicy(recordProp(recordProp(pool.properties, 'Policies'), 'PasswordPolicy')),
      usernameAttributes: stringsProp(pool.properties, 'UsernameAttributes'),
      aliasAttributes: stringsProp(pool.properties, 'AliasAttributes'),
      stackName: pool.stackName,
      logicalId: pool.logicalId,
    };
  });
  return { pools, warnings };
}

function resourceServer(resource: ResolvedResource): ResourceServerModel {
  const identifier = resource.physicalId;
  return {
    identifier,
    name: stringProp(resource.properties, 'Name') ?? identifier,
    scopes: recordsProp(resource.properties, 'Scopes').map((scope) => ({
      name: stringProp(scope, 'ScopeName') ?? '',
      description: stringProp(scope, 'ScopeDescription') ?? '',
    })),
  };
}

function appClient(resource: ResolvedResource, userPoolId: string): AppClientModel {
  const props = resource.properties;
  const secret = resource.attributes.ClientSecret;
  return {
    clientId: resource.physicalId,
    clientName: stringProp(props, 'ClientName') ?? resource.attributes.Name ?? resource.logicalId,
    userPoolId,
    ...(secret ? { secret } : {}),
    allowedOAuthFlows: stringsProp(props, 'AllowedOAuthFlows'),
    oauthEnabled: booleanProp(props, 'AllowedOAuthFlowsUserPoolClient') ?? false,
    allowedOAuthScopes: stringsProp(props, 'AllowedOAuthScopes'),
    accessTokenValiditySeconds: validitySeconds(props, 'AccessToken', 'hours', DEFAULT_ACCESS_TOKEN_SECONDS),
    idTokenValiditySeconds: validitySeconds(props, 'IdToken', 'hours', DEFAULT_ID_TOKEN_SECONDS),
    refreshTokenValiditySeconds: validitySeconds(
      props,
      'RefreshToken',
      'days',
      DEFAULT_REFRESH_TOKEN_SECONDS,
    ),
    explicitAuthFlows: stringsProp(props, 'ExplicitAuthFlows'),
    ...(props.ReadAttributes === undefined ? {} : { readAttributes: stringsProp(props, 'ReadAttributes') }),
    properties: props,
  };
}

/** `<token>Validity` in `TokenValidityUnits.<token>` (CloudFormation's default unit: hours; days for refresh). */
function validitySeconds(
  props: Readonly<Record<string, unknown>>,
  token: 'AccessToken' | 'IdToken' | 'RefreshToken',
  defaultUnit: string,
  defaultSeconds: number,
): number {
  const validity = numberProp(props, `${token}Validity`);
  if (validity === undefined) return defaultSeconds;
  const unit = stringProp(recordProp(props, 'TokenValidityUnits'), token) ?? defaultUnit;
  return validity * (UNIT_SECONDS[unit] ?? 3600);
}

function passwordPolicy(props: Readonly<Record<string, unknown>>): PasswordPolicy {
  return {
    minimumLength: numberProp(props, 'MinimumLength') ?? 8,
    requireLowercase: booleanProp(props, 'RequireLowercase') ?? true,
    requireUppercase: booleanProp(props, 'RequireUppercase') ?? true,
    requireNumbers: booleanProp(props, 'RequireNumbers') ?? true,
    requireSymbols: booleanProp(props, 'RequireSymbols') ?? true,
    temporaryPasswordValidityDays: numberProp(props, 'TemporaryPasswordValidityDays') ?? 7,
  };
}
