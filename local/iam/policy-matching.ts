/**
 * How a policy statement's Action / NotAction, Resource / NotResource and Principal / NotPrincipal
 * elements match one request, as IAM documents them:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html (and
 * `..._notaction.html`, `..._resource.html`, `..._notresource.html`, `..._principal.html`,
 * `..._notprincipal.html`). Pure functions: no clock, no I/O.
 */

/** IAM wildcards: `*` any run of characters (`/` and `:` included), `?` exactly one. */
export function wildcard(pattern: string, ignoreCase = false): RegExp {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
}

export const asList = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

/** Action names are not case-sensitive (`execute-api:invoke` is `execute-api:Invoke`). */
export function actionMatches(patterns: unknown, action: string): boolean {
  return asList(patterns).some((named) => typeof named === 'string' && wildcard(named, true).test(action));
}

/** Resource ARNs are case-sensitive; wildcards span the whole ARN, as the local cloud always matched them. */
export function resourceMatches(patterns: unknown, arn: string): boolean {
  return asList(patterns).some((named) => typeof named === 'string' && wildcard(named).test(arn));
}

/** Who called, as a resource policy's Principal sees it; undefined is an anonymous caller. */
export interface CallerPrincipal {
  /** The session's ARN: `arn:aws:sts::<account>:assumed-role/<role>/<session>`, or a user's ARN. */
  readonly arn: string;
  /** The role's own ARN (`arn:aws:iam::<account>:role/<path><name>`), for an assumed-role session. */
  readonly roleArn?: string;
  readonly accountId: string;
}

/**
 * The entities IAM checks a principal as, in its order: the account, then the role, then the session
 * (NotPrincipal's page: "AWS verifies the account, then the role, and then the assumed-role user").
 */
function entitiesOf(caller: CallerPrincipal): string[] {
  return [`arn:aws:iam::${caller.accountId}:root`, caller.roleArn, caller.arn].filter(
    (entity): entity is string => entity !== undefined,
  );
}

/** A Principal value naming an account by its id means the account's root ARN. */
function normalise(named: string): string {
  return /^\d{12}$/.test(named) ? `arn:aws:iam::${named}:root` : named;
}

/** Whether a Principal element (`"*"`, `{"AWS": ...}`) names anybody at all. */
function namesEveryone(principal: unknown): boolean {
  if (principal === '*') return true;
  if (typeof principal !== 'object' || principal === null) return false;
  return asList((principal as Record<string, unknown>).AWS).includes('*');
}

/** The AWS principals a Principal element names (Service, Federated, CanonicalUser never call here). */
function awsPrincipalsOf(principal: unknown): string[] {
  if (typeof principal !== 'object' || principal === null) return [];
  return asList((principal as Record<string, unknown>).AWS)
    .filter((named): named is string => typeof named === 'string')
    .map(normalise);
}

/**
 * Whether a statement's Principal covers the caller: `"*"` (or `{"AWS": "*"}`) covers everyone, the
 * anonymous caller included; an account covers every principal in it; a role covers its sessions; a
 * session ARN covers that session. Principal takes no other wildcards.
 */
export function principalMatches(principal: unknown, caller: CallerPrincipal | undefined): boolean {
  if (namesEveryone(principal)) return true;
  if (caller === undefined) return false;
  const named = awsPrincipalsOf(principal);
  return entitiesOf(caller).some((entity) => named.includes(entity));
}

/**
 * Whether a statement's NotPrincipal applies to the caller: it does unless every entity the caller is
 * checked as (account, role, session) is excluded, which is why AWS tells you to list the account and
 * the role along with a session. An anonymous caller is never excluded, short of `"*"`.
 */
export function notPrincipalMatches(notPrincipal: unknown, caller: CallerPrincipal | undefined): boolean {
  if (namesEveryone(notPrincipal)) return false;
  if (caller === undefined) return true;
  const excluded = awsPrincipalsOf(notPrincipal);
  return entitiesOf(caller).some((entity) => !excluded.includes(entity));
}
