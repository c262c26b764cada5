import type { ResolvedResource } from '../../../model/resolved-resource';
import type { CfnTemplate } from '../../../template/cfn-template';
import type { ResolvedAssembly, ResolveOptions } from '../../../template/resolution-types';
import { resolveAssembly } from '../../../template/resolve-assembly';

/** Test helpers: resolve inline templates and look resources up by logical id. */

export const STACK = 'TestStack';

export interface Resolved extends ResolvedAssembly {
  resource(logicalId: string, stackName?: string): ResolvedResource;
  properties(logicalId: string, stackName?: string): Readonly<Record<string, unknown>>;
}

export function resolveStacks(
  stacks: ReadonlyArray<{ stackName: string; template: CfnTemplate; dependencies?: string[] }>,
  options: ResolveOptions = {},
): Resolved {
  const result = resolveAssembly(stacks, options);
  const resource = (logicalId: string, stackName = STACK) => {
    const found = result.resources.find((r) => r.logicalId === logicalId && r.stackName === stackName);
    if (!found) throw new Error(`no resolved resource ${stackName}/${logicalId}`);
    return found;
  };
  return {
    ...result,
    resource,
    properties: (logicalId, stackName) => resource(logicalId, stackName).properties,
  };
}

export function resolveTemplate(template: CfnTemplate, options: ResolveOptions = {}): Resolved {
  return resolveStacks([{ stackName: STACK, template }], options);
}

/** A template whose resource `Probe` (an unknown type, so nothing is inferred from it) holds `value`. */
export function probe(value: unknown, extra: CfnTemplate = {}): CfnTemplate {
  return {
    ...extra,
    Resources: {
      Table: {
        Type: 'AWS::DynamoDB::Table',
        Properties: { TableName: 'orders', StreamSpecification: { StreamViewType: 'NEW_IMAGE' } },
      },
      Fn: { Type: 'AWS::Lambda::Function', Properties: {} },
      ...extra.Resources,
      Probe: { Type: 'Test::Probe::Thing', Properties: { Value: value } },
    },
  };
}

/** The resolved `Value` of the probe resource in `probe(value, extra)`. */
export function probed(value: unknown, extra: CfnTemplate = {}, options: ResolveOptions = {}): unknown {
  return resolveTemplate(probe(value, extra), options).properties('Probe').Value;
}
