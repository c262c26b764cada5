import { createHash, randomBytes } from 'node:crypto';
import type { IamCredential } from '../apigateway/iam-authorization';
import { LOCAL_ACCOUNT_ID, type ResolvedResource } from '../model/resolved-resource';

/**
 * Each function's own credentials, standing for its execution role as Lambda's do: an access key per
 * function (so the local API Gateway can tell callers apart), a secret made fresh at every start, and the
 * role's identity policies (its inline policies and every AWS::IAM::Policy attached to it), which IAM
 * authorization evaluates. A function whose role is not in the templates (an imported role) has policies
 * nobody here can read: it gets a principal with none, so IAM-authorized methods refuse it, and a warning
 * says so. Admitting it unchecked would prove nothing about least privilege.
 */
export function functionCredentials(
  resources: readonly ResolvedResource[],
  warn: (message: string) => void = () => undefined,
): Map<string, IamCredential> {
  const roles = new Map(
    resources.filter((r) => r.type === 'AWS::IAM::Role').map((role) => [role.attributes.Arn, role]),
  );
  const credentials = new Map<string, IamCredential>();
  for (const fn of resources.filter((r) => r.type === 'AWS::Lambda::Function')) {
    const roleArn = String(fn.properties.Role ?? '');
    const role = roles.get(roleArn);
    if (!role) {
      warn(
        `function ${fn.physicalId}: its role ${roleArn || '(none)'} is not in the templates, so its policies ` +
          'are unknown here; IAM-authorized API methods refuse its calls',
      );
    }
    credentials.set(fn.physicalId, {
      // Shaped like a temporary key (ASIA + 16), stable for a function, so traces stay readable.
      accessKeyId: `ASIA${createHash('sha256').update(fn.physicalId).digest('hex').slice(0, 16).toUpperCase()}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      principal: {
        arn: `arn:aws:sts::${LOCAL_ACCOUNT_ID}:assumed-role/${role?.physicalId ?? roleName(roleArn)}/${fn.physicalId}`,
        ...(roleArn.startsWith('arn:') ? { roleArn } : {}),
        policies: role ? policiesOf(role, resources) : [],
      },
    });
  }
  return credentials;
}

/** `arn:aws:iam::123456789012:role/path/name` -> `name`. */
function roleName(roleArn: string): string {
  return roleArn.split('/').pop() || 'unknown-role';
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
