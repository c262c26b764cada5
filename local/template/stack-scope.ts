import type { ResourceRead } from './address-origins';
import type { CfnTemplate } from './cfn-template';
import type { LocalIdentity } from './identity/types';
import { evaluateCondition } from './intrinsics/evaluate';
import type { IntrinsicScope } from './intrinsics/types';
import { TemplateResolutionError } from './resolution-error';
import type { UnresolvedValue } from './resolution-types';

/** What one stack's evaluation sees of the stacks resolved before it. */
export interface ResolvedSoFar {
  readonly exports: ReadonlyMap<string, string>;
  readonly outputs: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /** The resource reads behind each export and output (recording-scope.ts), by their keys there. */
  readonly reads?: ReadonlyMap<string, readonly ResourceRead[]>;
}

export interface StackScopeInput {
  readonly stackName: string;
  readonly template: CfnTemplate;
  readonly region: string;
  /** Parameters and pseudo parameters by name. */
  readonly values: ReadonlyMap<string, unknown>;
  /** Identities of this stack's resources, filled in as they are resolved. */
  readonly identities: ReadonlyMap<string, LocalIdentity>;
  readonly earlier: ResolvedSoFar;
  readonly report: (problem: UnresolvedValue) => void;
}

/**
 * The IntrinsicScope of one stack: where Ref, Fn::GetAtt, conditions and imports find their values.
 * Conditions are evaluated on first use and remembered; a condition that depends on itself is an error.
 */
export function stackScope(
  input: StackScopeInput,
): IntrinsicScope & { isCreated(logicalId: string): boolean } {
  const { stackName, template, identities } = input;
  const resources = template.Resources ?? {};
  const conditions = new Map<string, boolean>();
  const evaluating: string[] = [];

  const identity = (logicalId: string, at: string): LocalIdentity => {
    const resource = resources[logicalId];
    if (resource?.Condition !== undefined && !scope.condition(resource.Condition, at)) {
      throw new TemplateResolutionError(
        at,
        `refers to ${logicalId}, which is not created because its condition ${resource.Condition} is false`,
      );
    }
    const found = identities.get(logicalId);
    // The dependency order makes this unreachable unless a reference hides where the scan cannot see it.
    if (!found) throw new TemplateResolutionError(at, `refers to ${logicalId} before it is resolved`);
    return found;
  };

  const scope: IntrinsicScope & { isCreated(logicalId: string): boolean } = {
    region: input.region,
    mappings: template.Mappings ?? {},
    ref(name, at) {
      if (input.values.has(name)) return input.values.get(name);
      if (name in resources) return identity(name, at).physicalId;
      throw new TemplateResolutionError(
        at,
        `Ref to ${name}, which is no resource, parameter or pseudo parameter`,
      );
    },
    getAtt(logicalId, attribute, at) {
      const resource = resources[logicalId];
      if (!resource)
        throw new TemplateResolutionError(at, `Fn::GetAtt of ${logicalId}, which is no resource`);
      const value = identity(logicalId, at).attributes[attribute];
      return (
        value ??
        scope.unresolvable(
          at,
          `Fn::GetAtt ${logicalId}.${attribute}`,
          `the local cloud has no ${attribute} attribute for ${resource.Type}`,
        )
      );
    },
    condition(name, at) {
      const known = conditions.get(name);
      if (known !== undefined) return known;
      if (!template.Conditions || !(name in template.Conditions)) {
        throw new TemplateResolutionError(at, `condition ${name} is not defined in Conditions`);
      }
      if (evaluating.includes(name)) {
        throw new TemplateResolutionError(at, `circular conditions: ${[...evaluating, name].join(' -> ')}`);
      }
      evaluating.push(name);
      const value = evaluateCondition(template.Conditions[name], scope, `${stackName}/Conditions/${name}`);
      evaluating.pop();
      conditions.set(name, value);
      return value;
    },
    importValue(exportName, at) {
      const value = input.earlier.exports.get(exportName);
      if (value === undefined) {
        throw new TemplateResolutionError(
          at,
          `Fn::ImportValue ${exportName}: no stack resolved before ${stackName} exports it`,
        );
      }
      return value;
    },
    stackOutput(otherStack, outputName, at) {
      const outputs = input.earlier.outputs.get(otherStack);
      if (!outputs)
        throw new TemplateResolutionError(
          at,
          `Fn::GetStackOutput: stack ${otherStack} is not resolved before ${stackName}`,
        );
      const value = outputs[outputName];
      if (value === undefined)
        throw new TemplateResolutionError(
          at,
          `Fn::GetStackOutput: stack ${otherStack} has no output ${outputName}`,
        );
      return value;
    },
    unresolvable(at, intrinsic, reason) {
      const placeholder = `UNRESOLVED(${intrinsic})`;
      input.report({ stackName, location: at, intrinsic, reason, placeholder });
      return placeholder;
    },
    isCreated(logicalId) {
      const condition = resources[logicalId]?.Condition;
      return (
        condition === undefined || scope.condition(condition, `${stackName}/Resources/${logicalId}/Condition`)
      );
    },
  };
  return scope;
}
