import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { asTemplate, type CfnTemplate } from '../template/cfn-template';
import { orderStacks } from '../template/stack-order';
import { type FileAsset, fileAssetsOf } from './file-assets';
import {
  type AssemblyManifest,
  type ManifestArtifact,
  NESTED_ASSEMBLY_ARTIFACT,
  readManifest,
  STACK_ARTIFACT,
  stringProperty,
} from './manifest';

/** One CloudFormation stack of a cloud assembly, with what is needed to run it locally. */
export interface AssemblyStack {
  /** The artifact id in manifest.json (usually the stack name). */
  readonly artifactId: string;
  /** The name CloudFormation would deploy it under. */
  readonly stackName: string;
  /** Absolute path of `<stack>.template.json`. */
  readonly templateFile: string;
  readonly template: CfnTemplate;
  /** The directory of the (possibly nested) assembly the stack belongs to; asset paths are relative to it. */
  readonly assemblyDirectory: string;
  /** The environment the app targeted; `undefined` parts were left env-agnostic (`unknown-account`). */
  readonly environment: { readonly account?: string; readonly region?: string };
  /** Names of the stacks this one must come after, as the manifest declares them. */
  readonly dependencies: readonly string[];
  /** This stack's file assets by hash (Lambda code, ...). */
  readonly fileAssets: ReadonlyMap<string, FileAsset>;
}

export interface CloudAssembly {
  /** Absolute path of the assembly directory (e.g. `cdk.out`). */
  readonly directory: string;
  /** Every stack, each after the stacks it depends on (manifest dependencies, imports, stack outputs). */
  readonly stacks: readonly AssemblyStack[];
}

/**
 * Reads a synthesized CDK app (a cloud assembly directory such as `cdk.out`), including the nested
 * assemblies CDK Stages produce. Fails with a clear message when the directory is not a cloud assembly.
 */
export function readCloudAssembly(directory: string): CloudAssembly {
  const root = path.resolve(directory);
  return { directory: root, stacks: orderStacks(stacksOf(root)) };
}

function stacksOf(directory: string): AssemblyStack[] {
  const manifest = readManifest(directory);
  return Object.entries(manifest.artifacts).flatMap(([id, artifact]) => {
    if (artifact.type === STACK_ARTIFACT) return [stackOf(directory, manifest, id, artifact)];
    const nested =
      artifact.type === NESTED_ASSEMBLY_ARTIFACT ? stringProperty(artifact, 'directoryName') : undefined;
    return nested === undefined ? [] : stacksOf(path.resolve(directory, nested));
  });
}

function stackOf(
  directory: string,
  manifest: AssemblyManifest,
  artifactId: string,
  artifact: ManifestArtifact,
): AssemblyStack {
  const templateName = stringProperty(artifact, 'templateFile');
  if (templateName === undefined) {
    throw new Error(`${directory}/manifest.json: stack ${artifactId} has no templateFile`);
  }
  const templateFile = path.resolve(directory, templateName);
  const dependencyIds = artifact.dependencies ?? [];
  return {
    artifactId,
    stackName: stringProperty(artifact, 'stackName') ?? artifactId,
    templateFile,
    template: asTemplate(parseTemplate(templateFile), templateFile),
    assemblyDirectory: directory,
    environment: parseEnvironment(artifact.environment),
    dependencies: dependencyIds
      .map((id) => {
        const dependency = manifest.artifacts[id];
        return dependency?.type === STACK_ARTIFACT
          ? (stringProperty(dependency, 'stackName') ?? id)
          : undefined;
      })
      .filter((name): name is string => name !== undefined),
    fileAssets: fileAssetsOf(directory, manifest, dependencyIds),
  };
}

function parseTemplate(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the template ${file}: ${(error as Error).message}`);
  }
}

/** `aws://123456789012/eu-west-1`; CDK writes `unknown-account` / `unknown-region` for env-agnostic stacks. */
function parseEnvironment(environment: string | undefined): AssemblyStack['environment'] {
  const match = /^aws:\/\/([^/]+)\/([^/]+)$/.exec(environment ?? '');
  const known = (value: string | undefined) => (value && !value.startsWith('unknown-') ? value : undefined);
  return { account: known(match?.[1]), region: known(match?.[2]) };
}
