import type { ResolvedResource } from '../model/resolved-resource';
import type { UnsupportedResource } from './resolution-types';

/**
 * The resources of types the caller does not emulate and did not knowingly ignore. Without a
 * `supportedTypes` list nothing is reported: the resolver itself does not know what the emulators run.
 */
export function unsupportedResources(
  resources: readonly ResolvedResource[],
  supportedTypes: Iterable<string> | undefined,
  ignoredTypes: Iterable<string> = [],
): UnsupportedResource[] {
  if (supportedTypes === undefined) return [];
  const known = new Set([...supportedTypes, ...ignoredTypes]);
  return resources
    .filter((resource) => !known.has(resource.type))
    .map(({ stackName, logicalId, type }) => ({
      stackName,
      logicalId,
      type,
      reason: `${type} is not emulated by the local cloud: the resource does not exist locally`,
    }));
}
