import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { isRecord } from '../template/cfn-template';

/** The parts of a cloud assembly's manifest.json the local cloud reads (cloud-assembly-schema, v2 apps). */
export interface ManifestArtifact {
  readonly type: string;
  /** `aws://<account>/<region>`, with `unknown-account` / `unknown-region` for env-agnostic stacks. */
  readonly environment?: string;
  readonly properties?: Readonly<Record<string, unknown>>;
  /** Artifact ids this one depends on (stacks and their asset manifests). */
  readonly dependencies?: readonly string[];
}

export interface AssemblyManifest {
  readonly artifacts: Readonly<Record<string, ManifestArtifact>>;
}

export const STACK_ARTIFACT = 'aws:cloudformation:stack';
export const ASSET_MANIFEST_ARTIFACT = 'cdk:asset-manifest';
/** A CDK Stage synthesizes into a nested assembly in a subdirectory. */
export const NESTED_ASSEMBLY_ARTIFACT = 'cdk:cloud-assembly';

/** Reads `<dir>/manifest.json`, failing with a message that says what is wrong and what to run. */
export function readManifest(directory: string): AssemblyManifest {
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new Error(`${directory} is not a cloud assembly: no such directory (run \`cdk synth\` first)`);
  }
  const file = path.join(directory, 'manifest.json');
  if (!existsSync(file)) {
    throw new Error(
      `${directory} is not a cloud assembly: it has no manifest.json (run \`cdk synth\` first)`,
    );
  }
  const manifest = readJson(file);
  if (!isRecord(manifest) || typeof manifest.version !== 'string') {
    throw new Error(`${file} is not a cloud assembly manifest (it has no version)`);
  }
  // An assembly without artifacts is valid (an app with no stacks).
  const artifacts = isRecord(manifest.artifacts) ? manifest.artifacts : {};
  return { artifacts: artifacts as Record<string, ManifestArtifact> };
}

export function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read ${file}: ${(error as Error).message}`);
  }
}

/** A string property of an artifact, if present. */
export function stringProperty(artifact: ManifestArtifact, key: string): string | undefined {
  const value = artifact.properties?.[key];
  return typeof value === 'string' ? value : undefined;
}
