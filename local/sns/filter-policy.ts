import { type CompiledPattern, compileEventPattern, InvalidEventPatternError } from '../eventbridge/pattern';
import { invalidParameter } from './sns-error';

export type FilterPolicyScope = 'MessageAttributes' | 'MessageBody';

/** AWS's limits on a filter policy (subscription-filter-policy-constraints). */
const MAX_KEYS = 5;
const MAX_COMBINATIONS = 150;

/**
 * Compiles a subscription's filter policy. SNS filter policies are EventBridge's pattern language (AWS's
 * event-ruler runs both), so the EventBridge compiler and matcher serve them, with what SNS adds on top:
 * no nesting on the attributes scope, at most five keys, at most 150 value combinations, and none of the
 * operators SNS does not list (`wildcard`). An invalid policy is SNS's `InvalidParameter`.
 */
export function compileFilterPolicy(policy: string, scope: FilterPolicyScope): CompiledPattern {
  let parsed: unknown;
  try {
    parsed = JSON.parse(policy);
  } catch {
    throw invalidParameter('FilterPolicy: failed to parse JSON.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw invalidParameter('FilterPolicy: Filter policy must be a JSON object');
  }
  const shape = policyShape(parsed as Record<string, unknown>, scope);
  if (shape.keys > MAX_KEYS)
    throw invalidParameter('FilterPolicy: Filter policy can not have more than 5 keys');
  if (shape.combinations > MAX_COMBINATIONS) {
    throw invalidParameter('FilterPolicy: Filter policy is too complex');
  }
  try {
    return compileEventPattern(policy);
  } catch (error) {
    if (error instanceof InvalidEventPatternError) throw invalidParameter(`FilterPolicy: ${error.reason}`);
    throw error;
  }
}

/** Leaf keys, and the number of value combinations AWS counts (values multiply; `$or` branches add). */
function policyShape(
  node: Record<string, unknown>,
  scope: FilterPolicyScope,
): { keys: number; combinations: number } {
  let keys = 0;
  let combinations = 1;
  for (const [key, value] of Object.entries(node)) {
    if (key === '$or' && Array.isArray(value)) {
      const branches = value.map((branch) => policyShape(branch as Record<string, unknown>, scope));
      keys += Math.max(0, ...branches.map((branch) => branch.keys));
      combinations *= branches.reduce((sum, branch) => sum + branch.combinations, 0);
    } else if (Array.isArray(value)) {
      for (const item of value) rejectUnsupportedOperator(item);
      keys += 1;
      combinations *= value.length;
    } else if (value !== null && typeof value === 'object') {
      if (scope === 'MessageAttributes') {
        throw invalidParameter(
          'FilterPolicy: Filter policy scope MessageAttributes does not support nested filter policy',
        );
      }
      const nested = policyShape(value as Record<string, unknown>, scope);
      keys += nested.keys;
      combinations *= nested.combinations;
    }
    // anything else is left for the compiler, which rejects it with AWS's reason
  }
  return { keys, combinations };
}

function rejectUnsupportedOperator(item: unknown): void {
  if (item !== null && typeof item === 'object' && 'wildcard' in item) {
    throw invalidParameter('FilterPolicy: Unrecognized match type wildcard');
  }
}
