import type { RequestContext } from '../iam/policy-conditions';
import type { CallerPrincipal } from '../iam/policy-matching';

/** What the local API Gateway knows about a call, for the policies' condition keys. */
export interface ApiCallFacts {
  /** When the request arrived (ms since the epoch). */
  readonly now: number;
  readonly region: string;
  /** The caller's address as API Gateway sees it (`identity.sourceIp`). */
  readonly sourceIp?: string;
  readonly header?: (name: string) => string | undefined;
  /** The SigV4 signer standing for a role; undefined for anonymous, authorizer and CLI-key callers. */
  readonly principal?: CallerPrincipal;
}

/**
 * The condition keys an API Gateway call carries, from the keys API Gateway documents for its policies
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-aws-condition-keys.html),
 * limited to what the local cloud honestly knows. Missing on purpose, so the policies' missing-key rules
 * apply: aws:SourceVpc, aws:SourceVpce and aws:VpcSourceIp (private APIs only; nothing here is in a VPC),
 * aws:userid (the role's unique id, which no template gives), aws:username for anyone but an IAM user, aws:PrincipalOrgID / OrgPaths / aws:PrincipalTag (no organization, no tags on sessions),
 * aws:TokenIssueTime and the MFA keys (no STS session behind the function keys), aws:SourceArn.
 */
export function apiCallContext(facts: ApiCallFacts): RequestContext {
  const context = new Map<string, string>([
    ['aws:currenttime', new Date(facts.now).toISOString().replace(/\.\d{3}Z$/, 'Z')],
    ['aws:epochtime', String(Math.floor(facts.now / 1000))],
    // The local listeners speak plain HTTP.
    ['aws:securetransport', 'false'],
    ['aws:requestedregion', facts.region],
  ]);
  if (facts.sourceIp) context.set('aws:sourceip', facts.sourceIp);
  const userAgent = facts.header?.('user-agent');
  if (userAgent !== undefined) context.set('aws:useragent', userAgent);
  const referer = facts.header?.('referer');
  if (referer !== undefined) context.set('aws:referer', referer);
  const { principal } = facts;
  if (principal !== undefined) {
    // For a role session, aws:PrincipalArn is the role's ARN, not the session's.
    context.set('aws:principalarn', principal.roleArn ?? principal.arn);
    context.set('aws:principalaccount', principal.accountId);
    if (principal.arn.includes(':assumed-role/')) context.set('aws:principaltype', 'AssumedRole');
    const user = /^arn:[^:]+:iam::\d{12}:user\/(?:.*\/)?([^/]+)$/.exec(principal.arn)?.[1];
    if (user !== undefined) {
      context.set('aws:principaltype', 'User');
      context.set('aws:username', user);
    }
  }
  return context;
}
