import { type CfnTemplate, isRecord } from './cfn-template';
import { evaluate, intrinsicOf } from './intrinsics/evaluate';
import type { IntrinsicScope } from './intrinsics/types';
import { localEnvironment } from './local-environment';
import { parameterValues, pseudoParameters } from './parameters';
import { topologicalOrder } from './topological-order';

/** A stack as far as ordering is concerned. */
export interface OrderableStack {
  readonly stackName: string;
  readonly template: CfnTemplate;
  /** Stack names this stack must come after (the cloud assembly manifest's dependencies). */
  readonly dependencies?: readonly string[];
}

/**
 * Orders stacks so that each comes after the stacks it depends on: the declared dependencies, the stacks
 * whose exports it imports (Fn::ImportValue) and the stacks whose outputs it reads (Fn::GetStackOutput).
 * Export names are usually literals; a name built from pseudo parameters or parameter defaults is
 * evaluated, anything more dynamic is left to the resolver, which fails clearly on a missing export.
 */
export function orderStacks<T extends OrderableStack>(stacks: readonly T[]): T[] {
  const byName = new Map(stacks.map((stack) => [stack.stackName, stack]));
  const evaluators = new Map(stacks.map((stack) => [stack.stackName, staticEvaluator(stack)]));
  const staticString = (value: unknown, stack: T) => evaluators.get(stack.stackName)?.(value);
  const exporters = new Map<string, string>();
  for (const stack of stacks) {
    for (const output of Object.values(stack.template.Outputs ?? {})) {
      const name = output.Export ? staticString(output.Export.Name, stack) : undefined;
      if (name !== undefined) exporters.set(name, stack.stackName);
    }
  }
  const dependenciesOf = (stackName: string): string[] => {
    const stack = byName.get(stackName);
    if (!stack) return [];
    const imported = argumentsOf(stack.template, 'Fn::ImportValue')
      .map((name) => staticString(name, stack))
      .map((name) => (name === undefined ? undefined : exporters.get(name)));
    const read = argumentsOf(stack.template, 'Fn::GetStackOutput').map((args) =>
      isRecord(args) ? staticString(args.StackName, stack) : undefined,
    );
    return [...(stack.dependencies ?? []), ...imported, ...read].filter(
      (name): name is string => name !== undefined && name !== stackName,
    );
  };
  const order = topologicalOrder(
    stacks.map((stack) => stack.stackName),
    dependenciesOf,
    (cycle) => new Error(`Circular dependency between stacks: ${cycle.join(' -> ')}`),
  );
  return order.map((name) => byName.get(name)).filter((stack): stack is T => stack !== undefined);
}

/** The arguments of every use of one intrinsic function in a template's resources and outputs. */
function argumentsOf(template: CfnTemplate, fn: string): unknown[] {
  const found: unknown[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (isRecord(node)) {
      const intrinsic = intrinsicOf(node);
      if (intrinsic?.name === fn) found.push(intrinsic.args);
      Object.values(node).forEach(walk);
    }
  };
  walk(template.Resources);
  walk(template.Outputs);
  return found;
}

class NotStatic extends Error {}

/**
 * Evaluates values computable from the template alone (literals, pseudo parameters, parameter defaults,
 * mappings); anything else (a resource attribute, an import) comes back undefined.
 */
function staticEvaluator(stack: OrderableStack): (value: unknown) => string | undefined {
  const env = localEnvironment();
  const known = new Map(pseudoParameters(stack.stackName, env));
  try {
    for (const [name, value] of parameterValues(stack.stackName, stack.template)) known.set(name, value);
  } catch {
    // A parameter without a default: names that use it are not static; the resolver reports it properly.
  }
  const notStatic = (): never => {
    throw new NotStatic();
  };
  const scope: IntrinsicScope = {
    ref: (name) => (known.has(name) ? known.get(name) : notStatic()),
    getAtt: notStatic,
    condition: notStatic,
    importValue: notStatic,
    stackOutput: notStatic,
    unresolvable: notStatic,
    mappings: stack.template.Mappings ?? {},
    region: env.region,
  };
  return (value) => {
    try {
      const result = evaluate(value, scope, stack.stackName);
      return typeof result === 'string' ? result : undefined;
    } catch {
      return undefined;
    }
  };
}
