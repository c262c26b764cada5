import type { AslObject } from './types';
import { isObject } from './walk-states';

/**
 * The longest a JavaScript timer can wait (2^31 - 1 ms). Longer delays fire at once in Node, so a Task
 * without TimeoutSeconds (AWS: no limit, the interpreter: 60 s) gets this instead.
 */
const MAX_TIMER_SECONDS = 2_147_483;

/**
 * A copy of the definition with every stated duration multiplied by `scale`, and every Task without
 * `TimeoutSeconds` given the longest timer, because AWS has no default Task timeout while the
 * interpreter assumes the ASL spec's 60 s. Durations read from the input (`SecondsPath`,
 * `TimeoutSecondsPath`) and `Timestamp`s cannot be scaled.
 */
export function scaleDefinition(machine: AslObject, scale: number): AslObject {
  const seconds = (value: unknown) =>
    typeof value === 'number' ? Math.min(value * scale, MAX_TIMER_SECONDS) : value;
  return {
    ...scaleNested(machine, seconds),
    ...('TimeoutSeconds' in machine ? { TimeoutSeconds: seconds(machine.TimeoutSeconds) } : {}),
  };
}

function scaleState(state: AslObject, seconds: (value: unknown) => unknown): AslObject {
  const scaled: Record<string, unknown> = { ...state };
  if (state.Type === 'Task' && !('TimeoutSecondsPath' in state)) {
    scaled.TimeoutSeconds = 'TimeoutSeconds' in state ? seconds(state.TimeoutSeconds) : MAX_TIMER_SECONDS;
  }
  if (state.Type === 'Wait' && 'Seconds' in state) scaled.Seconds = seconds(state.Seconds);
  if (Array.isArray(state.Retry)) {
    scaled.Retry = state.Retry.map((retrier) =>
      isObject(retrier)
        ? {
            ...retrier,
            // The interpreter's default interval is 1 s: make it explicit so that it is scaled too.
            IntervalSeconds: seconds(retrier.IntervalSeconds ?? 1),
            ...('MaxDelaySeconds' in retrier ? { MaxDelaySeconds: seconds(retrier.MaxDelaySeconds) } : {}),
          }
        : retrier,
    );
  }
  const scale = (nested: unknown) => (isObject(nested) ? scaleNested(nested, seconds) : nested);
  if (Array.isArray(state.Branches)) scaled.Branches = state.Branches.map(scale);
  if ('ItemProcessor' in state) scaled.ItemProcessor = scale(state.ItemProcessor);
  if ('Iterator' in state) scaled.Iterator = scale(state.Iterator);
  return scaled;
}

function scaleNested(machine: AslObject, seconds: (value: unknown) => unknown): AslObject {
  const states: Record<string, unknown> = {};
  for (const [name, state] of Object.entries(isObject(machine.States) ? machine.States : {})) {
    states[name] = isObject(state) ? scaleState(state, seconds) : state;
  }
  return { ...machine, States: states };
}
