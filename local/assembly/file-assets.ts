import * as path from 'node:path';
import { ASSET_MANIFEST_ARTIFACT, type AssemblyManifest, readJson, stringProperty } from './manifest';

/** One file asset of a stack: what `cdk deploy` would zip and upload, here used in place. */
export interface FileAsset {
  /** The asset hash (the key in `<stack>.assets.json`). */
  readonly hash: string;
  /** Absolute path of the staged asset: a directory, or a single file (a template, a prebuilt zip). */
  readonly path: string;
  /** `zip` = a directory that would be zipped; `file` = uploaded as is. */
  readonly packaging: string;
  /** The S3 object keys the asset would be published under (what the template's S3Key says). */
  readonly objectKeys: readonly string[];
}

interface AssetManifestJson {
  readonly files?: Record<
    string,
    {
      readonly source?: { readonly path?: string; readonly packaging?: string };
      readonly destinations?: Record<string, { readonly objectKey?: string }>;
    }
  >;
}

/**
 * The file assets of one stack, by hash, from the asset manifests the stack depends on
 * (`<stack>.assets.json`). Paths in an asset manifest are relative to the assembly directory.
 */
export function fileAssetsOf(
  directory: string,
  manifest: AssemblyManifest,
  dependencies: readonly string[],
): Map<string, FileAsset> {
  const assets = new Map<string, FileAsset>();
  for (const id of dependencies) {
    const artifact = manifest.artifacts[id];
    const file = artifact?.type === ASSET_MANIFEST_ARTIFACT ? stringProperty(artifact, 'file') : undefined;
    if (file === undefined) continue;
    const json = readJson(path.join(directory, file)) as AssetManifestJson;
    for (const [hash, entry] of Object.entries(json.files ?? {})) {
      if (!entry.source?.path) continue;
      assets.set(hash, {
        hash,
        path: path.resolve(directory, entry.source.path),
        packaging: entry.source.packaging ?? 'file',
        objectKeys: Object.values(entry.destinations ?? {})
          .map((destination) => destination.objectKey)
          .filter((key): key is string => typeof key === 'string'),
      });
    }
  }
  return assets;
}
