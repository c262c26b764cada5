/**
 * CloudFormation's dynamic references, `{{resolve:<service>:<reference>}}`. Secrets Manager's,
 * `{{resolve:secretsmanager:<secret-id>:SecretString:<json-key>:<version-stage>:<version-id>}}`, where
 * everything after the secret id may be left out (or empty) and the secret id may be a name or an ARN
 * (which has colons of its own), are replaced by the local cloud once its secrets have values, as
 * CloudFormation replaces them at deployment. Parameter Store's (`ssm`, `ssm-secure`) are not emulated.
 */
export interface SecretReference {
  readonly secretId: string;
  readonly jsonKey?: string;
  readonly versionStage?: string;
  readonly versionId?: string;
}

const ANY_REFERENCE = /\{\{resolve:([a-z-]+):([^{}]+)\}\}/g;

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

/** The dynamic references of other services (`{{resolve:ssm:...}}`) a value holds, as written. */
export function otherDynamicReferences(value: unknown): string[] {
  const found: string[] = [];
  mapStrings(value, (text) => {
    for (const match of text.matchAll(ANY_REFERENCE)) if (match[1] !== 'secretsmanager') found.push(match[0]);
    return text;
  });
  return found;
}

/**
 * The value with every Secrets Manager reference replaced by what `lookup` gives (the secret's string, or
 * one key of it as JSON); `lookup` also gets the reference as written, and throws for one it cannot resolve.
 */
export function replaceSecretReferences(
  value: unknown,
  lookup: (reference: SecretReference, written: string) => string,
): unknown {
  return mapStrings(value, (text) =>
    text.replace(ANY_REFERENCE, (written, service: string, body: string) =>
      service === 'secretsmanager' ? lookup(parseSecretReference(body), written) : written,
    ),
  );
}

/** Whether a value holds a Secrets Manager reference anywhere. */
export function hasSecretReference(value: unknown): boolean {
  let found = false;
  replaceSecretReferences(value, (_, written) => {
    found = true;
    return written;
  });
  return found;
}

function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, map)]));
  }
  return value;
}
