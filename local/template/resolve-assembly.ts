import type { ResolvedResource } from '../model/resolved-resource';
import { localEnvironment } from './local-environment';
import type { ResolvedAssembly, ResolveOptions, UnresolvedValue } from './resolution-types';
import { resolveStack } from './resolve-stack';
import { type OrderableStack, orderStacks } from './stack-order';
import { unsupportedResources } from './unsupported-resources';

/**
 * Resolves every stack of an assembly (stacks from `readCloudAssembly`, or any `{ stackName, template }`)
 * into resources whose properties hold no intrinsic function, plus each stack's outputs and exports.
 * Stacks are taken in dependency order so that Fn::ImportValue and Fn::GetStackOutput find their values.
 * Throws a TemplateResolutionError for a template CloudFormation would reject; reports, in `unsupported`
 * and `unresolved`, what the local cloud cannot honour.
 */
export function resolveAssembly(
  stacks: readonly OrderableStack[],
  options: ResolveOptions = {},
): ResolvedAssembly {
  assertUniqueNames(stacks);
  const env = localEnvironment(options.serviceEndpoint);
  const exports = new Map<string, string>();
  const outputs = new Map<string, Readonly<Record<string, string>>>();
  const resources: ResolvedResource[] = [];
  const unresolved: UnresolvedValue[] = [];

  for (const stack of orderStacks(stacks)) {
    const resolution = resolveStack(stack, {
      env,
      parameters: options.parameters?.[stack.stackName],
      overrides: options.overrides,
      earlier: { exports, outputs },
      report: (problem) => unresolved.push(problem),
    });
    resources.push(...resolution.resources);
    outputs.set(stack.stackName, resolution.outputs);
    for (const [name, value] of Object.entries(resolution.exports)) {
      if (exports.has(name))
        throw new Error(`Export ${name} is exported twice (again by ${stack.stackName})`);
      exports.set(name, value);
    }
  }

  return {
    resources,
    outputs: Object.fromEntries(outputs),
    exports: Object.fromEntries(exports),
    unsupported: unsupportedResources(resources, options.supportedTypes, options.ignoredTypes),
    unresolved,
  };
}

function assertUniqueNames(stacks: readonly OrderableStack[]): void {
  const seen = new Set<string>();
  for (const { stackName } of stacks) {
    if (seen.has(stackName)) throw new Error(`Two stacks are named ${stackName}`);
    seen.add(stackName);
  }
}
