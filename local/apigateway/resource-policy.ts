import type { RequestContext } from '../iam/policy-conditions';
import { evaluatePolicyDocument, type PolicyDecision } from '../iam/policy-evaluation';
import { asList, type CallerPrincipal } from '../iam/policy-matching';
import { GatewayError } from './gateway-error';

/**
 * A REST API's resource policy (the RestApi's `Policy`), weighed as API Gateway documents it
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-authorization-flow.html), for a
 * caller in the API's own account (every caller here is): without authorization, or with a Cognito
 * authorizer, only an explicit Allow of the resource policy lets a call in; with IAM authorization or a
 * Lambda authorizer, the resource policy and the caller's (or authorizer's) policy are weighed together
 * (table A: either Allow allows, any explicit Deny refuses), and with a Lambda authorizer an explicit Deny
 * refuses before the authorizer is even called.
 */
export class ResourcePolicy {
  private readonly document: unknown;

  constructor(
    document: unknown,
    scope: { readonly region: string; readonly accountId: string; readonly apiId: string },
    private readonly onProblem: (problem: string) => void = () => undefined,
  ) {
    this.document = expandShorthandResources(document, scope);
  }

  /** The resource policy's own decision for one call of `methodArn`. */
  decide(methodArn: string, context: RequestContext, principal?: CallerPrincipal): PolicyDecision {
    const { decision, problems } = evaluatePolicyDocument(
      this.document,
      { action: 'execute-api:Invoke', resource: methodArn, context, ...(principal ? { principal } : {}) },
      'resource',
    );
    for (const problem of problems) this.onProblem(`resource policy: ${problem}`);
    return decision;
  }
}

/** API Gateway's refusal of a call its resource policy does not let in (`ACCESS_DENIED`, 403). */
export function resourcePolicyRefusal(
  decision: PolicyDecision,
  methodArn: string,
  caller?: string,
): GatewayError {
  return new GatewayError(
    'ACCESS_DENIED',
    `User: ${caller ?? 'anonymous'} is not authorized to perform: execute-api:Invoke on resource: ${methodArn}` +
      (decision === 'DENY' ? ' with an explicit deny' : ''),
  );
}

/**
 * API Gateway takes `execute-api:/<stage>/<METHOD>/<path>` in a resource policy's Resource (CDK's own
 * examples use `execute-api:/*`) and stores it as the API's full ARN; the same expansion here.
 */
function expandShorthandResources(
  document: unknown,
  scope: { readonly region: string; readonly accountId: string; readonly apiId: string },
): unknown {
  if (typeof document !== 'object' || document === null) return document;
  const expand = (resource: unknown) =>
    typeof resource === 'string' && resource.startsWith('execute-api:/')
      ? `arn:aws:execute-api:${scope.region}:${scope.accountId}:${scope.apiId}/${resource.slice('execute-api:/'.length)}`
      : resource;
  const policy = document as Record<string, unknown>;
  return {
    ...policy,
    Statement: asList(policy.Statement).map((statement) => {
      if (typeof statement !== 'object' || statement === null) return statement;
      const s = statement as Record<string, unknown>;
      return {
        ...s,
        ...(s.Resource !== undefined ? { Resource: asList(s.Resource).map(expand) } : {}),
        ...(s.NotResource !== undefined ? { NotResource: asList(s.NotResource).map(expand) } : {}),
      };
    }),
  };
}
