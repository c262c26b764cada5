import type { AslObject } from './types';

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The nested state machines of a state: Parallel branches and Map's ItemProcessor (or legacy Iterator). */
export function nestedMachines(state: AslObject): AslObject[] {
  const nested: AslObject[] = [];
  if (Array.isArray(state.Branches)) nested.push(...state.Branches.filter(isObject));
  if (isObject(state.ItemProcessor)) nested.push(state.ItemProcessor);
  if (isObject(state.Iterator)) nested.push(state.Iterator);
  return nested;
}

/**
 * Every state of a machine, nested ones included. State names are unique across the whole machine (an
 * ASL rule), which is why the interpreter's per-state overrides can be keyed by name alone.
 */
export function* allStates(machine: AslObject): Generator<[name: string, state: AslObject]> {
  if (!isObject(machine.States)) return;
  for (const [name, state] of Object.entries(machine.States)) {
    if (!isObject(state)) continue;
    yield [name, state];
    for (const nested of nestedMachines(state)) yield* allStates(nested);
  }
}
