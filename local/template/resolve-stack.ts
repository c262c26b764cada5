import type { ResolvedResource } from '../model/resolved-resource';
import { type AddressOrigin, addressOrigin, type ResourceRead } from './address-origins';
import { type CfnTemplate, dependsOnOf, isRecord } from './cfn-template';
import { identityOf } from './identity/identity-of';
import type { LocalIdentity } from './identity/types';
import { evaluate } from './intrinsics/evaluate';
import { NO_VALUE } from './intrinsics/types';
import type { LocalEnvironment } from './local-environment';
import { parameterValues, pseudoParameters } from './parameters';
import { exportReadsKey, outputReadsKey, recordingScope } from './recording-scope';
import { TemplateResolutionError } from './resolution-error';
import type { IdentityOverrides, UnresolvedValue } from './resolution-types';
import { referencedNames } from './resource-dependencies';
import { type ResolvedSoFar, stackScope } from './stack-scope';
import { isForEach, reportTransforms } from './template-features';
import { topologicalOrder } from './topological-order';

export interface StackInput {
  readonly stackName: string;
  readonly template: CfnTemplate;
}

export interface StackContext {
  readonly env: LocalEnvironment;
  /** The types the local cloud runs: an output that is the address of anything else is told apart. */
  readonly supportedTypes?: ReadonlySet<string>;
  readonly parameters?: Readonly<Record<string, string>>;
  readonly overrides?: IdentityOverrides;
  readonly earlier: ResolvedSoFar;
  readonly report: (problem: UnresolvedValue) => void;
}

export interface StackResolution {
  readonly resources: ResolvedResource[];
  readonly outputs: Record<string, string>;
  readonly exports: Record<string, string>;
  /** The resource reads behind each output and export, by exportReadsKey / outputReadsKey. */
  readonly reads: Map<string, readonly ResourceRead[]>;
  /** Outputs that are addresses of resources of types not supported, by output name. */
  readonly notEmulated: Record<string, AddressOrigin>;
}

/**
 * Resolves one stack: its resources in dependency order (each one's properties evaluated, then its local
 * identity computed and offered to the overrides hook), then its outputs and exports. Resources whose
 * Condition is false are left out; the Rules section (CDK's bootstrap version check) is not evaluated.
 */
export function resolveStack(stack: StackInput, context: StackContext): StackResolution {
  const { stackName, template } = stack;
  reportTransforms(stack, context.report);
  const identities = new Map<string, LocalIdentity>();
  // While an output is evaluated its problems wait here: an output that turns out to be the address of
  // a resource not run is reported as that, not as the attribute the local cloud could not compute.
  let outputProblems: UnresolvedValue[] | undefined;
  const scope = stackScope({
    stackName,
    template,
    region: context.env.region,
    values: new Map([
      ...pseudoParameters(stackName, context.env),
      ...parameterValues(stackName, template, context.parameters),
    ]),
    identities,
    earlier: context.earlier,
    report: (problem) => (outputProblems ? outputProblems.push(problem) : context.report(problem)),
  });
  const resources = template.Resources ?? {};
  const created = Object.keys(resources)
    .filter((logicalId) => !isForEach(logicalId, stack, context.report))
    .filter((logicalId) => scope.isCreated(logicalId));
  const takeBranch = (condition: string) => scope.condition(condition, `${stackName}/Resources`);
  const order = topologicalOrder(
    created,
    (logicalId) => {
      const resource = resources[logicalId];
      return resource
        ? [...referencedNames(resource.Properties ?? {}, takeBranch), ...dependsOnOf(resource)]
        : [];
    },
    (cycle) =>
      new TemplateResolutionError(`${stackName}/Resources`, `circular dependency: ${cycle.join(' -> ')}`),
  );

  const resolved = order.map((logicalId): ResolvedResource => {
    const resource = resources[logicalId];
    if (!resource) throw new Error(`unreachable: ${logicalId} vanished from ${stackName}`);
    const at = `${stackName}/Resources/${logicalId}/Properties`;
    const evaluated = evaluate(resource.Properties ?? {}, scope, at);
    const properties = isRecord(evaluated) ? evaluated : {};
    const input = { stackName, logicalId, type: resource.Type, properties };
    const computed = identityOf(input, context.env);
    const identity = withOverride(computed, context.overrides?.({ ...input, ...computed }));
    identities.set(logicalId, identity);
    return { ...input, ...identity, metadata: resource.Metadata ?? {} };
  });

  const outputs: Record<string, string> = {};
  const exports: Record<string, string> = {};
  const reads = new Map<string, readonly ResourceRead[]>();
  const notEmulated: Record<string, AddressOrigin> = {};
  for (const [name, output] of Object.entries(template.Outputs ?? {})) {
    const at = `${stackName}/Outputs/${name}`;
    if (output.Condition !== undefined && !scope.condition(output.Condition, at)) continue;
    const read: ResourceRead[] = [];
    const recording = recordingScope(scope, template, identities, context.earlier.reads ?? new Map(), read);
    outputProblems = [];
    const value = outputString(evaluate(output.Value, recording, `${at}/Value`));
    const problems = outputProblems;
    outputProblems = undefined;
    const origin = context.supportedTypes && addressOrigin(value, read, context.supportedTypes);
    if (origin) notEmulated[name] = origin;
    else for (const problem of problems) context.report(problem);
    outputs[name] = value;
    reads.set(outputReadsKey(stackName, name), read);
    if (output.Export) {
      const exportName = String(evaluate(output.Export.Name, scope, `${at}/Export/Name`));
      exports[exportName] = value;
      reads.set(exportReadsKey(exportName), read);
    }
  }
  return { resources: resolved, outputs, exports, reads, notEmulated };
}

function withOverride(identity: LocalIdentity, override: ReturnType<IdentityOverrides>): LocalIdentity {
  if (!override) return identity;
  return {
    physicalId: override.physicalId ?? identity.physicalId,
    attributes: { ...identity.attributes, ...override.attributes },
  };
}

/** Outputs are strings in CloudFormation; lists come out comma-separated, as `describe-stacks` shows them. */
function outputString(value: unknown): string {
  if (value === NO_VALUE) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(String).join(',');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
