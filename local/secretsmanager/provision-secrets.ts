import type { ResolvedResource } from '../model/resolved-resource';
import { TemplateResolutionError } from '../template/resolution-error';
import { hasSecretReference, otherDynamicReferences, replaceSecretReferences } from './dynamic-references';
import type { LocalSecrets } from './local-secrets';
import { InvalidSecretProperties, secretSourceOf, secretValueOf } from './secret-values';

const SECRET = 'AWS::SecretsManager::Secret';

/**
 * What CloudFormation does with the templates' secrets at deployment, and with the dynamic references to
 * them. The template resolver (template/) is pure and deterministic; a secret's value is neither (random,
 * kept under `--data-dir`), so this runs on its output, before any emulator reads a property:
 *
 * - each `AWS::SecretsManager::Secret` gets its value (`SecretString`, or `GenerateSecretString`), a secret
 *   whose properties refer to another only once that one has its value, as CloudFormation orders them;
 * - a secret already in the store (a restart with `--data-dir`) keeps its value while its template says
 *   the same, and gets a new current version when the template changed;
 * - then every `{{resolve:secretsmanager:...}}` in any resource's properties is replaced.
 *
 * A reference that cannot be resolved (no secret of the templates by that id, no such JSON key, stage or
 * version, secrets that refer to each other) is an error naming it, as it fails a deployment. Parameter
 * Store references (`{{resolve:ssm:...}}`) are left as written and named in a note; so is `KmsKeyId`.
 */
export function provisionSecrets(
  resources: readonly ResolvedResource[],
  store: LocalSecrets,
  note: (message: string) => void,
): ResolvedResource[] {
  let pending = resources.filter((resource) => resource.type === SECRET);
  const canResolve = (secret: ResolvedResource) => {
    try {
      replaceSecretReferences(secret.properties, (reference) => store.resolve(reference));
      return true;
    } catch {
      return false;
    }
  };
  while (pending.length > 0) {
    const ready = pending.filter(canResolve);
    if (ready.length === 0) break;
    for (const secret of ready) provision(secret, store);
    pending = pending.filter((secret) => !ready.includes(secret));
  }

  const withKms = resources.filter((r) => r.type === SECRET && r.properties.KmsKeyId !== undefined);
  if (withKms.length > 0) {
    note(
      `Secrets Manager KmsKeyId is not emulated (values are kept unencrypted, readable without the key): ${withKms.map(where).join(', ')}`,
    );
  }
  return resources.map((resource) => {
    for (const reference of otherDynamicReferences(resource.properties)) {
      note(`${where(resource)}: ${reference} is not emulated (left as written)`);
    }
    if (!hasSecretReference(resource.properties)) return resource;
    return { ...resource, properties: resolvedProperties(resource, store, pending.includes(resource)) };
  });
}

function provision(secret: ResolvedResource, store: LocalSecrets): void {
  const properties = resolvedProperties(secret, store, false);
  const deployedFrom = secretSourceOf(properties);
  const description = typeof properties.Description === 'string' ? properties.Description : undefined;
  try {
    if (!store.has(secret.physicalId)) {
      const options = { deployedFrom, ...(description ? { description } : {}) };
      store.create(secret.physicalId, secretValueOf(properties), options);
    } else if (store.find(secret.physicalId).deployedFrom !== deployedFrom) {
      store.put(secret.physicalId, secretValueOf(properties), { deployedFrom });
    }
  } catch (error) {
    if (!(error instanceof InvalidSecretProperties)) throw error;
    throw new TemplateResolutionError(propertiesOf(secret), error.message);
  }
}

/** The properties with every Secrets Manager reference replaced; one that cannot be is an error naming it. */
function resolvedProperties(
  resource: ResolvedResource,
  store: LocalSecrets,
  waitedInVain: boolean,
): Record<string, unknown> {
  return replaceSecretReferences(resource.properties, (reference, written) => {
    try {
      return store.resolve(reference);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const order = waitedInVain
        ? ' (a secret gets its value only after every secret it refers to, and these refer to each other or to one no template defines)'
        : '';
      throw new TemplateResolutionError(
        propertiesOf(resource),
        `${written} cannot be resolved: ${reason}${order}`,
      );
    }
  }) as Record<string, unknown>;
}

const where = (resource: ResolvedResource) => `${resource.stackName}/${resource.logicalId}`;
const propertiesOf = (resource: ResolvedResource) =>
  `${resource.stackName}/Resources/${resource.logicalId}/Properties`;
