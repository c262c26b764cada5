import { renderWithPlaceholders } from './cfn-intrinsics';
import type { AslMachine, AslState } from './state-machine-diagram';

/**
 * A state machine's definition as deployed: `DefinitionString` is an `Fn::Join` around tokens (ARNs,
 * the bus's name), rendered with `${...}` placeholders so that the JSON parses; or an inline `Definition`.
 */
export function definitionOf(properties: Record<string, unknown>): AslMachine {
  if (properties.Definition !== undefined) return properties.Definition as AslMachine;
  return JSON.parse(renderWithPlaceholders(properties.DefinitionString)) as AslMachine;
}

/**
 * The EventBridge sources a state machine publishes with (its `events:putEvents` tasks' entries), for
 * a grant of PutEvents that names no source in a condition. Nested branches and iterations included.
 */
export function putEventsSources(machine: AslMachine): string[] {
  return Object.values(machine.States).flatMap((state: AslState) => {
    const nested = [...(state.Branches ?? []), ...[state.ItemProcessor ?? state.Iterator ?? []].flat()];
    const own = state.Resource?.includes(':states:::events:putEvents')
      ? (
          (state as { Parameters?: { Entries?: Array<{ Source?: unknown }> } }).Parameters?.Entries ?? []
        ).flatMap((entry) => (typeof entry.Source === 'string' ? [entry.Source] : []))
      : [];
    return [...own, ...nested.flatMap(putEventsSources)];
  });
}
