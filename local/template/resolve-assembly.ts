import type { ResolvedResource } from '../model/resolved-resource';
import type { ResourceRead } from './address-origins';
import { localEnvironment } from './local-environment';
import type {
  NotEmulatedOutput,
  ResolvedAssembly,
  ResolveOptions,
  UnresolvedValue,
} from './resolution-types';
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
  const reads = new Map<string, readonly ResourceRead[]>();
  const resources: ResolvedResource[] = [];
  const unresolved: UnresolvedValue[] = [];
  const notEmulatedOutputs: NotEmulatedOutput[] = [];
  const supportedTypes = options.supportedTypes && new Set(options.supportedTypes);

  for (const stack of orderStacks(stacks)) {
    const resolution = resolveStack(stack, {
      env,
      parameters: options.parameters?.[stack.stackName],
      overrides: options.overrides,
      ...(supportedTypes ? { supportedTypes } : {}),
      earlier: { exports, outputs, reads },
      report: (problem) => unresolved.push(problem),
    });
    resources.push(...resolution.resources);
    outputs.set(stack.stackName, resolution.outputs);
    for (const [key, read] of resolution.reads) reads.set(key, read);
    for (const [outputName, origin] of Object.entries(resolution.notEmulated)) {
      notEmulatedOutputs.push({ stackName: stack.stackName, outputName, ...origin });
    }
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
    unsupported: unsupportedResources(resources, supportedTypes, options.ignoredTypes),
    unresolved,
    notEmulatedOutputs,
  };
}

function assertUniqueNames(stacks: readonly OrderableStack[]): void {
  const seen = new Set<string>();
  for (const { stackName } of stacks) {
    if (seen.has(stackName)) throw new Error(`Two stacks are named ${stackName}`);
    seen.add(stackName);
  }
}
