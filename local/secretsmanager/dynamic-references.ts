/**
 * CloudFormation's Secrets Manager dynamic references,
 * `{{resolve:secretsmanager:<secret-id>:SecretString:<json-key>:<version-stage>:<version-id>}}`, where
 * everything after the secret id may be left out (or empty) and the secret id may be a name or an ARN
 * (which has colons of its own). CloudFormation replaces them in property values at deployment; so does
 * the local cloud, once its secrets have values.
 */
export interface SecretReference {
  readonly secretId: string;
  readonly jsonKey?: string;
  readonly versionStage?: string;
  readonly versionId?: string;
}

const REFERENCE = /\{\{resolve:secretsmanager:([^{}]+)\}\}/g;

export function parseSecretReference(body: string): SecretReference {
  const at = body.indexOf(':SecretString');
  if (at < 0) return { secretId: body };
  const [jsonKey, versionStage, versionId] = body.slice(at + ':SecretString'.length + 1).split(':');
  return {
    secretId: body.slice(0, at),
    ...(jsonKey ? { jsonKey } : {}),
    ...(versionStage ? { versionStage } : {}),
    ...(versionId ? { versionId } : {}),
  };
}

/** Whether a value holds a reference anywhere (in a string, an array or an object). */
export function hasSecretReference(value: unknown): boolean {
  return JSON.stringify(value)?.includes('{{resolve:secretsmanager:') ?? false;
}

/**
 * The value with every reference replaced by what `lookup` gives: the secret's string, or one key of it
 * as JSON. `lookup` throws for a secret it does not have.
 */
export function replaceSecretReferences(
  value: unknown,
  lookup: (reference: SecretReference) => string,
): unknown {
  if (typeof value === 'string') {
    return value.replace(REFERENCE, (_, body: string) => lookup(parseSecretReference(body)));
  }
  if (Array.isArray(value)) return value.map((item) => replaceSecretReferences(item, lookup));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, replaceSecretReferences(item, lookup)]),
    );
  }
  return value;
}
