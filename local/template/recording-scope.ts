import type { ResourceRead } from './address-origins';
import type { CfnTemplate } from './cfn-template';
import type { LocalIdentity } from './identity/types';
import type { IntrinsicScope } from './intrinsics/types';

/** Where the reads behind an earlier stack's export or output are kept, for the stacks that import it. */
export const exportReadsKey = (exportName: string) => `export:${exportName}`;
export const outputReadsKey = (stackName: string, outputName: string) => `output:${stackName}/${outputName}`;

/**
 * The scope of one stack, recording into `reads` every value an evaluation takes from a resource (`Ref`,
 * `Fn::GetAtt`, also inside `Fn::Sub`) and, through an import or a stack output, the reads behind that
 * value in the stack that exported it. Evaluation itself is unchanged.
 */
export function recordingScope(
  scope: IntrinsicScope,
  template: CfnTemplate,
  identities: ReadonlyMap<string, LocalIdentity>,
  earlierReads: ReadonlyMap<string, readonly ResourceRead[]>,
  reads: ResourceRead[],
): IntrinsicScope {
  const typeOf = (logicalId: string) => template.Resources?.[logicalId]?.Type;
  return {
    ...scope,
    ref(name, at) {
      const value = scope.ref(name, at);
      const type = typeOf(name);
      if (type !== undefined) reads.push({ logicalId: name, type, attribute: 'Ref', value: String(value) });
      return value;
    },
    getAtt(logicalId, attribute, at) {
      const value = scope.getAtt(logicalId, attribute, at);
      const type = typeOf(logicalId);
      // The scope stands in a placeholder for an attribute the local cloud has no value for.
      const known = identities.get(logicalId)?.attributes[attribute] !== undefined;
      if (type !== undefined)
        reads.push({ logicalId, type, attribute, value: known ? String(value) : undefined });
      return value;
    },
    importValue(exportName, at) {
      const value = scope.importValue(exportName, at);
      reads.push(...(earlierReads.get(exportReadsKey(exportName)) ?? []));
      return value;
    },
    stackOutput(stackName, outputName, at) {
      const value = scope.stackOutput(stackName, outputName, at);
      reads.push(...(earlierReads.get(outputReadsKey(stackName, outputName)) ?? []));
      return value;
    },
  };
}
