import type { Template } from 'aws-cdk-lib/assertions';
import {
  type CfnResourceJson,
  referencedId,
  renderString,
  resourceOf,
  resourcesOfType,
} from './shop-templates';

/**
 * One allowed (action, resource) pair; the resource rendered by `renderString` (`${Table.Arn}`, `*`), and
 * the statement's condition, as JSON, when it has one (`conditioned` makes it).
 */
export type Grant = readonly [action: string, resource: string, condition?: string];

/** The condition part of a Grant: a statement's `Condition` block. */
export function conditioned(condition: Record<string, Record<string, string>>): string {
  return JSON.stringify(condition);
}

/** Publishing as this event source and no other (`events:source`). */
export const asSource = (source: string) => conditioned({ StringEquals: { 'events:source': source } });

interface Statement {
  readonly Effect?: string;
  readonly Action?: string | readonly string[];
  readonly Resource?: unknown;
  readonly [other: string]: unknown;
}
interface PolicyDocument {
  readonly Statement?: Statement | readonly Statement[];
}

const asList = <T>(value: T | readonly T[] | undefined): readonly T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value as T];

/** Sorted, so that two lists of grants compare with `toEqual` as sets that still show duplicates. */
export function sortGrants(grants: readonly Grant[]): Grant[] {
  return [...grants].sort(
    ([a1, r1, c1 = ''], [a2, r2, c2 = '']) =>
      a1.localeCompare(a2) || r1.localeCompare(r2) || c1.localeCompare(c2),
  );
}

function documentGrants(document: PolicyDocument, where: string): Grant[] {
  return asList(document.Statement).flatMap((statement) => {
    // Anything but an Allow of Action on Resource, perhaps with a Condition (NotAction, NotResource, Deny),
    // would make the pairs below lie about what the role may do: fail so that the test is rewritten on
    // purpose.
    const unexpected = Object.keys(statement).filter(
      (key) => !['Effect', 'Action', 'Resource', 'Sid', 'Condition'].includes(key),
    );
    if (statement.Effect !== 'Allow' || unexpected.length > 0) {
      throw new Error(`${where}: unsupported statement ${JSON.stringify(statement)}`);
    }
    const condition = statement.Condition === undefined ? undefined : JSON.stringify(statement.Condition);
    return asList(statement.Action).flatMap((action) =>
      asList(statement.Resource).map(
        (resource): Grant =>
          condition === undefined
            ? [action, renderString(resource)]
            : [action, renderString(resource), condition],
      ),
    );
  });
}

const attachedTo = (resource: CfnResourceJson, roleId: string): boolean =>
  asList(resource.Properties.Roles as unknown[] | undefined).some(
    (role) => JSON.stringify(role) === JSON.stringify({ Ref: roleId }),
  );

/**
 * Everything a role may do, as sorted (action, resource) pairs: its inline policies plus every
 * AWS::IAM::Policy and AWS::IAM::ManagedPolicy of the template attached to it. A role with managed policy
 * ARNs is an error, since what those allow is not in the template.
 */
export function grantsOfRole(template: Template, roleId: string): Grant[] {
  const role = resourceOf(template, roleId);
  if (role.Type !== 'AWS::IAM::Role') throw new Error(`${roleId} is a ${role.Type}, not a role`);
  if (role.Properties.ManagedPolicyArns !== undefined) {
    throw new Error(`${roleId} has managed policies: ${JSON.stringify(role.Properties.ManagedPolicyArns)}`);
  }
  const inline = asList(role.Properties.Policies as { PolicyDocument: PolicyDocument }[] | undefined).map(
    (policy) => documentGrants(policy.PolicyDocument, `${roleId} inline policy`),
  );
  const attached = ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy'].flatMap((type) =>
    resourcesOfType(template, type)
      .filter(([, policy]) => attachedTo(policy, roleId))
      .map(([policyId, policy]) =>
        documentGrants(policy.Properties.PolicyDocument as PolicyDocument, policyId),
      ),
  );
  return sortGrants([...inline, ...attached].flat());
}

/**
 * What every ServiceFunction of a template has: its properties, role, log group, and the grants every
 * one of them gets (writing its own log group, X-Ray) on top of what its service grants it.
 */
export function serviceFunctions(template: Template) {
  const props = (fnId: string) => resourceOf(template, fnId).Properties;
  const roleOf = (fnId: string) => referencedId(props(fnId).Role);
  const logGroupOf = (fnId: string) =>
    referencedId((props(fnId).LoggingConfig as { LogGroup: unknown }).LogGroup);
  const baseGrants = (fnId: string): Grant[] => [
    ['logs:CreateLogStream', `\${${logGroupOf(fnId)}.Arn}`],
    ['logs:PutLogEvents', `\${${logGroupOf(fnId)}.Arn}`],
    ['xray:PutTelemetryRecords', '*'],
    ['xray:PutTraceSegments', '*'],
  ];
  /** Exactly what the function may do: its base grants plus `grants`, sorted, ready for toEqual. */
  const expectedGrants = (fnId: string, grants: readonly Grant[]) =>
    sortGrants([...baseGrants(fnId), ...grants]);
  const grantsOf = (fnId: string) => grantsOfRole(template, roleOf(fnId));
  return { props, roleOf, logGroupOf, grantsOf, expectedGrants };
}
