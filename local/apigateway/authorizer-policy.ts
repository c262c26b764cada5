import { isRecord } from './resource-properties';

/** `arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/<METHOD>/<path without leading slash>`. */
export function methodArn(parts: {
  region: string;
  accountId: string;
  apiId: string;
  stage: string;
  httpMethod: string;
  path: string;
}): string {
  const path = parts.path
    .split('/')
    .filter((segment) => segment !== '')
    .join('/');
  return `arn:aws:execute-api:${parts.region}:${parts.accountId}:${parts.apiId}/${parts.stage}/${parts.httpMethod}/${path}`;
}

/** IAM wildcards: `*` any run of characters (`/` included), `?` exactly one. */
function wildcard(pattern: string): RegExp {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`);
}

const asList = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

export type PolicyDecision = 'ALLOW' | 'DENY' | 'NO_MATCH';

/** Whether the statement names `action` (`execute-api:Invoke`), wildcards included, case-insensitively. */
function covers(statement: Record<string, unknown>, action: string): boolean {
  return asList(statement.Action).some(
    (named) => typeof named === 'string' && wildcard(named.toLowerCase()).test(action.toLowerCase()),
  );
}

/**
 * Evaluates a policy document (an authorizer's, or a role's identity policy) for one action on one method
 * ARN as IAM does: an explicit Deny wins over any Allow, and nothing matching is an implicit deny.
 */
export function evaluatePolicy(
  policyDocument: unknown,
  arn: string,
  action = 'execute-api:Invoke',
): PolicyDecision {
  if (!isRecord(policyDocument)) return 'NO_MATCH';
  let allowed = false;
  for (const statement of asList(policyDocument.Statement)) {
    if (!isRecord(statement) || !covers(statement, action)) continue;
    const matches = asList(statement.Resource).some(
      (resource) => typeof resource === 'string' && wildcard(resource).test(arn),
    );
    if (!matches) continue;
    const effect = String(statement.Effect).toLowerCase();
    if (effect === 'deny') return 'DENY';
    if (effect === 'allow') allowed = true;
  }
  return allowed ? 'ALLOW' : 'NO_MATCH';
}

/** Whether an authorizer result is well-formed enough for API Gateway to use it. */
export function isValidPolicyDocument(policyDocument: unknown): boolean {
  return (
    isRecord(policyDocument) &&
    asList(policyDocument.Statement).length > 0 &&
    asList(policyDocument.Statement).every(isRecord)
  );
}
