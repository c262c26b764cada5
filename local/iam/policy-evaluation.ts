import { conditionsMatch, type RequestContext } from './policy-conditions';
import {
  actionMatches,
  asList,
  type CallerPrincipal,
  notPrincipalMatches,
  principalMatches,
  resourceMatches,
} from './policy-matching';

/**
 * One policy document's decision for one request, as IAM evaluates a single policy
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html): a statement
 * applies when its Action (or NotAction), Resource (or NotResource), for a resource policy its Principal
 * (or NotPrincipal), and its Condition all match; an applying Deny wins over any Allow, and nothing
 * applying is an implicit deny (`NO_MATCH`).
 */
export type PolicyDecision = 'ALLOW' | 'DENY' | 'NO_MATCH';

export interface PolicyRequest {
  /** `execute-api:Invoke`. */
  readonly action: string;
  /** The method's (or route's) ARN. */
  readonly resource: string;
  /** The request's condition keys; none: every key is missing. */
  readonly context?: RequestContext;
  /** Who called, for a resource policy's Principal; undefined: anonymous. */
  readonly principal?: CallerPrincipal;
}

export interface PolicyEvaluation {
  readonly decision: PolicyDecision;
  /**
   * Statements that matched nothing because AWS would have refused them (an unknown condition operator,
   * Action with NotAction...), each with why: a Deny among them is not enforced, so callers log these.
   */
  readonly problems: readonly string[];
}

/** An identity policy (or a Lambda authorizer's) names no principal; a resource policy must. */
export type PolicyKind = 'identity' | 'resource';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The one of `element` / `Not<element>` a statement has; a problem when it has both or neither. */
function pick(
  statement: Record<string, unknown>,
  element: string,
): { value: unknown; negated: boolean } | string {
  const plain = statement[element];
  const negated = statement[`Not${element}`];
  if (plain !== undefined && negated !== undefined) return `it has both ${element} and Not${element}`;
  if (plain === undefined && negated === undefined) return `it has neither ${element} nor Not${element}`;
  return plain !== undefined ? { value: plain, negated: false } : { value: negated, negated: true };
}

/** `Allow` or `Deny`; the local cloud always took them in any case, and keeps doing so. */
function effectOf(statement: Record<string, unknown>): 'Allow' | 'Deny' | undefined {
  const effect = String(statement.Effect).toLowerCase();
  return effect === 'allow' ? 'Allow' : effect === 'deny' ? 'Deny' : undefined;
}

type StatementOutcome = { readonly applies: boolean } | { readonly problem: string };

function evaluateStatement(
  statement: Record<string, unknown>,
  request: PolicyRequest,
  kind: PolicyKind,
): StatementOutcome {
  const effect = effectOf(statement);
  if (effect === undefined) return { problem: `its Effect is ${JSON.stringify(statement.Effect)}` };
  const action = pick(statement, 'Action');
  if (typeof action === 'string') return { problem: action };
  const resource = pick(statement, 'Resource');
  if (typeof resource === 'string') return { problem: resource };

  let principalApplies = true;
  if (kind === 'resource') {
    const principal = pick(statement, 'Principal');
    if (typeof principal === 'string') return { problem: principal };
    // NotPrincipal is for Deny only; AWS does not take it with Allow.
    if (principal.negated && effect === 'Allow')
      return { problem: 'it has NotPrincipal with "Effect": "Allow"' };
    principalApplies = principal.negated
      ? notPrincipalMatches(principal.value, request.principal)
      : principalMatches(principal.value, request.principal);
  } else if (statement.Principal !== undefined || statement.NotPrincipal !== undefined) {
    return { problem: 'an identity policy statement cannot name a Principal' };
  }

  const condition = conditionsMatch(statement.Condition, request.context ?? new Map());
  if (condition.problem !== undefined) return { problem: condition.problem };

  // The Not- forms apply to everything the list does not match.
  const actionApplies = actionMatches(action.value, request.action) !== action.negated;
  const resourceApplies = resourceMatches(resource.value, request.resource) !== resource.negated;
  return { applies: actionApplies && resourceApplies && principalApplies && condition.matches };
}

/** Evaluates one policy document for `request`. */
export function evaluatePolicyDocument(
  document: unknown,
  request: PolicyRequest,
  kind: PolicyKind = 'identity',
): PolicyEvaluation {
  if (!isRecord(document)) return { decision: 'NO_MATCH', problems: [] };
  const problems: string[] = [];
  let allowed = false;
  let denied = false;
  asList(document.Statement).forEach((statement, index) => {
    if (!isRecord(statement)) return;
    const outcome = evaluateStatement(statement, request, kind);
    if ('problem' in outcome) {
      const name = typeof statement.Sid === 'string' ? `'${statement.Sid}'` : `#${index + 1}`;
      problems.push(`policy statement ${name} matches nothing: ${outcome.problem}`);
      return;
    }
    if (!outcome.applies) return;
    if (effectOf(statement) === 'Deny') denied = true;
    else allowed = true;
  });
  return { decision: denied ? 'DENY' : allowed ? 'ALLOW' : 'NO_MATCH', problems };
}

/**
 * Several policies of one caller (its identity policies), or a caller's and a resource's together in one
 * account: any explicit Deny wins, then any Allow allows, else the implicit deny.
 */
export function combineDecisions(decisions: readonly PolicyDecision[]): PolicyDecision {
  if (decisions.includes('DENY')) return 'DENY';
  return decisions.includes('ALLOW') ? 'ALLOW' : 'NO_MATCH';
}
