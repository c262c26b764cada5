import { createHash, randomBytes } from 'node:crypto';
import type { IamCredential } from '../apigateway/iam-authorization';
import { LOCAL_ACCOUNT_ID, type ResolvedResource } from '../model/resolved-resource';

/**
 * Each function's own credentials, standing for its execution role as Lambda's do: an access key per
 * function (so the local API Gateway can tell callers apart), a secret made fresh at every start, and the
 * role's identity policies (its inline policies and every AWS::IAM::Policy attached to it), which IAM
 * authorization evaluates. A function without a role in the templates gets no principal: its calls are
 * checked for their signature only.
 */
export function functionCredentials(resources: readonly ResolvedResource[]): Map<string, IamCredential> {
  const roles = new Map(
    resources.filter((r) => r.type === 'AWS::IAM::Role').map((role) => [role.attributes.Arn, role]),
  );
  const credentials = new Map<string, IamCredential>();
  for (const fn of resources.filter((r) => r.type === 'AWS::Lambda::Function')) {
    const role = roles.get(String(fn.properties.Role ?? ''));
    credentials.set(fn.physicalId, {
      // Shaped like a temporary key (ASIA + 16), stable for a function, so traces stay readable.
      accessKeyId: `ASIA${createHash('sha256').update(fn.physicalId).digest('hex').slice(0, 16).toUpperCase()}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      ...(role
        ? {
            principal: {
              arn: `arn:aws:sts::${LOCAL_ACCOUNT_ID}:assumed-role/${role.physicalId}/${fn.physicalId}`,
              policies: policiesOf(role, resources),
            },
          }
        : {}),
    });
  }
  return credentials;
}

function policiesOf(role: ResolvedResource, resources: readonly ResolvedResource[]): unknown[] {
  const inline = asList(role.properties.Policies).map(
    (policy) => (policy as { PolicyDocument?: unknown }).PolicyDocument,
  );
  const attached = resources
    .filter((r) => r.type === 'AWS::IAM::Policy' || r.type === 'AWS::IAM::ManagedPolicy')
    .filter((policy) => asList(policy.properties.Roles).includes(role.physicalId))
    .map((policy) => policy.properties.PolicyDocument);
  return [...inline, ...attached].filter((document) => document !== undefined);
}

const asList = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];
