import { type CfnTemplate, type Reference, referencesIn } from './cfn-intrinsics';

/** One stack of the cloud assembly: its name and its synthesized template. */
export interface StackTemplate {
  readonly stackName: string;
  readonly template: CfnTemplate;
}

/** A resource of the whole app: which stack, which logical id. */
export interface ResourceAddress {
  readonly stackName: string;
  readonly logicalId: string;
  readonly attribute?: string;
}

/**
 * Cross-stack references are `Fn::ImportValue` of an export: CDK's generated names
 * (`Stack:ExportsOutputFnGetAtt...`) and the custom names of the internal APIs alike. The producing stack's
 * Outputs say which of its resources an export name stands for.
 */
export function exportsOf(stacks: readonly StackTemplate[]): Map<string, ResourceAddress> {
  const exports = new Map<string, ResourceAddress>();
  for (const { stackName, template } of stacks) {
    for (const output of Object.values(template.Outputs ?? {})) {
      const name = output.Export?.Name;
      const [target] = referencesIn(output.Value);
      if (typeof name !== 'string' || target?.kind !== 'local') continue;
      exports.set(name, {
        stackName,
        logicalId: target.logicalId,
        ...(target.attribute ? { attribute: target.attribute } : {}),
      });
    }
  }
  return exports;
}

/** A reference made in `stackName`, resolved to the resource it names (undefined: an unknown export). */
export function resolveReference(
  reference: Reference,
  stackName: string,
  exports: ReadonlyMap<string, ResourceAddress>,
): ResourceAddress | undefined {
  if (reference.kind === 'import') return exports.get(reference.exportName);
  return {
    stackName,
    logicalId: reference.logicalId,
    ...(reference.attribute ? { attribute: reference.attribute } : {}),
  };
}
