import type { RequestContext } from '../iam/policy-conditions';
import { evaluatePolicyDocument, type PolicyDecision } from '../iam/policy-evaluation';
import { asList } from '../iam/policy-matching';
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

/** The region of an `arn:aws:execute-api:<region>:...` ARN (aws:RequestedRegion of the call). */
export function regionOf(arn: string): string {
  return arn.split(':')[3] ?? '';
}

export type { PolicyDecision } from '../iam/policy-evaluation';

export interface PolicyEvaluationOptions {
  /** The request's condition keys (`apiCallContext`); none: every key is missing. */
  readonly context?: RequestContext;
  /** Told of each statement that matched nothing because AWS would have refused it (execution log). */
  readonly onProblem?: (problem: string) => void;
}

/**
 * Evaluates a policy document (an authorizer's, or a role's identity policy) for one action on one method
 * ARN as IAM does: Action / NotAction, Resource / NotResource and Condition; an explicit Deny wins over any
 * Allow, and nothing matching is an implicit deny.
 */
export function evaluatePolicy(
  policyDocument: unknown,
  arn: string,
  action = 'execute-api:Invoke',
  options: PolicyEvaluationOptions = {},
): PolicyDecision {
  const { decision, problems } = evaluatePolicyDocument(policyDocument, {
    action,
    resource: arn,
    ...(options.context ? { context: options.context } : {}),
  });
  for (const problem of problems) options.onProblem?.(problem);
  return decision;
}

/** Whether an authorizer result is well-formed enough for API Gateway to use it. */
export function isValidPolicyDocument(policyDocument: unknown): boolean {
  return (
    isRecord(policyDocument) &&
    asList(policyDocument.Statement).length > 0 &&
    asList(policyDocument.Statement).every(isRecord)
  );
}
