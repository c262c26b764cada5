import { arn, type LocalEnvironment } from '../local-environment';
import { API_GATEWAY_RULES } from './api-gateway';
import { COGNITO_RULES } from './cognito';
import { COMPUTE_RULES } from './compute';
import { MESSAGING_RULES } from './messaging';
import { generatedName } from './names';
import { OPERATIONS_RULES } from './operations';
import { STORAGE_RULES } from './storage';
import type { IdentityInput, IdentityRule, LocalIdentity } from './types';

const RULES: Readonly<Record<string, IdentityRule>> = {
  ...STORAGE_RULES,
  ...COMPUTE_RULES,
  ...MESSAGING_RULES,
  ...API_GATEWAY_RULES,
  ...COGNITO_RULES,
  ...OPERATIONS_RULES,
};

/** The resource types that get a type-specific local identity (names, ARNs and attributes as AWS forms them). */
export const TYPES_WITH_LOCAL_IDENTITY: ReadonlySet<string> = new Set(Object.keys(RULES));

/**
 * The local physical id and attributes of a resource. A type without a rule gets `<stackName>-<logicalId>`
 * and a generic `Arn`; whether such a type is emulated at all is the caller's to report.
 */
export function identityOf(resource: IdentityInput, env: LocalEnvironment): LocalIdentity {
  const rule = RULES[resource.type];
  if (rule) return rule(resource, env);
  const physicalId = generatedName(resource, 255);
  const [, service = 'unknown', kind = 'resource'] = resource.type.split('::');
  return {
    physicalId,
    attributes: { Arn: arn(env, service.toLowerCase(), `${kind.toLowerCase()}/${physicalId}`) },
  };
}
