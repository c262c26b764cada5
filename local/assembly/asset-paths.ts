import * as path from 'node:path';
import type { AssemblyStack, CloudAssembly } from './cloud-assembly';

/** The parts of a resource (raw or resolved) that say which asset it uses. */
export interface AssetReference {
  readonly stackName: string;
  readonly properties?: Readonly<Record<string, unknown>>;
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/**
 * The absolute path of the asset a resource uses, e.g. the code directory of a Lambda function, or
 * undefined when it uses none. CDK writes the asset's path into the resource Metadata
 * (`aws:asset:path`, relative to the assembly) unless asset metadata is turned off; otherwise the
 * S3Key of `Code` (`<hash>.zip`) is looked up in the stack's asset manifest.
 */
export function assetPathOf(assembly: CloudAssembly, resource: AssetReference): string | undefined {
  const stack = assembly.stacks.find((candidate) => candidate.stackName === resource.stackName);
  return stack ? stackAssetPath(stack, resource) : undefined;
}

/** The same as `assetPathOf`, for a resource of a known stack. */
export function stackAssetPath(
  stack: AssemblyStack,
  resource: Omit<AssetReference, 'stackName'>,
): string | undefined {
  const fromMetadata = resource.metadata?.['aws:asset:path'];
  if (typeof fromMetadata === 'string') return path.resolve(stack.assemblyDirectory, fromMetadata);
  const code = resource.properties?.Code;
  const key = typeof code === 'object' && code !== null && 'S3Key' in code ? code.S3Key : undefined;
  return typeof key === 'string' ? assetPathForObjectKey(stack, key) : undefined;
}

/** The asset published under an S3 object key (`<hash>.zip`, `<hash>.json`, ...), if the stack has one. */
export function assetPathForObjectKey(stack: AssemblyStack, objectKey: string): string | undefined {
  for (const asset of stack.fileAssets.values()) {
    if (asset.objectKeys.includes(objectKey)) return asset.path;
  }
  return stack.fileAssets.get(objectKey.replace(/\.[^.]*$/, ''))?.path;
}
