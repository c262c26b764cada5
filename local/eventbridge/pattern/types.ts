/** A leaf of a JSON event: what a pattern's value list is matched against. */
export type Leaf = string | number | boolean | null;

/** One entry of a field's value list, compiled once: true when the event value satisfies it. */
export type ValueMatcher = (value: Leaf) => boolean;

/**
 * What one pattern field demands of the event. The entries of a field's value list are alternatives: the
 * field matches when some event value at `path` satisfies one of `matchers`, or, when the list holds
 * `{"exists": false}`, when the event has no value at `path`.
 */
export interface FieldCondition {
  /** Dot-joined like the event is flattened: `{"a": {"b": [..]}}` and `{"a.b": [..]}` both give `a.b`. */
  readonly path: string;
  /**
   * The keys an event object can hold the rest of the path under, from each path segment on: for `a.b.c`,
   * `[["a", "a.b", "a.b.c"], ["b", "b.c"], ["c"]]`. Precomputed so matching only looks keys up.
   */
  readonly keysFrom: readonly (readonly string[])[];
  readonly matchers: readonly ValueMatcher[];
  readonly allowAbsent: boolean;
}

/**
 * A validated pattern, ready to match. `branches` is the pattern in disjunctive form: each `$or` multiplies
 * the branches, and the pattern matches when every condition of one branch holds.
 */
export interface CompiledPattern {
  readonly branches: readonly (readonly FieldCondition[])[];
}
