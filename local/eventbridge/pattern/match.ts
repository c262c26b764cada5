import { combineMemberships, type EventValue, type Membership, valuesAt } from './event-values';
import type { CompiledPattern, FieldCondition } from './types';

/**
 * Whether an event matches a compiled pattern, with EventBridge's semantics: some alternative of the
 * pattern has all of its fields satisfied, each by some value of the event (array-consistently, see
 * event-values.ts) or, for `{"exists": false}`, by the field's absence.
 *
 * @param event the event as an object (or its JSON text); it must be a JSON object.
 */
export function matches(compiled: CompiledPattern, event: object | string): boolean {
  const root: unknown = typeof event === 'string' ? JSON.parse(event) : event;
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    throw new TypeError('An event must be a JSON object');
  }
  for (const branch of compiled.branches) if (branchMatches(branch, root)) return true;
  return false;
}

function satisfies(condition: FieldCondition, candidate: EventValue): boolean {
  for (const matcher of condition.matchers) if (matcher(candidate.value)) return true;
  return false;
}

/**
 * Checks each field on its own first, which settles most events: a field no value satisfies (and that may
 * not be absent) fails the branch outright, and without arrays of objects in play the per-field answers
 * are the whole answer. Only when values sit in such arrays does the consistent search run.
 */
function branchMatches(branch: readonly FieldCondition[], event: object): boolean {
  let eachFieldHolds = true;
  let inArrays = false;
  const valuesOf: EventValue[][] = [];
  for (const condition of branch) {
    const values = valuesAt(event, condition.keysFrom);
    valuesOf.push(values);
    let satisfied = false;
    for (const candidate of values) {
      if (candidate.membership.length > 0) inArrays = true;
      if (!satisfied && satisfies(condition, candidate)) satisfied = true;
    }
    if (!satisfied && !condition.allowAbsent) return false;
    if (!satisfied && values.length > 0) eachFieldHolds = false; // present, so not absent, unless arrays say otherwise
  }
  return inArrays ? matchesConsistently(branch, valuesOf) : eachFieldHolds;
}

/**
 * A depth-first search for one satisfying value per field whose array memberships agree. A field matched by
 * its absence is checked last, against the elements the other fields settled on: it is absent when none of
 * its values sits in those elements.
 */
function matchesConsistently(branch: readonly FieldCondition[], valuesOf: readonly EventValue[][]): boolean {
  const absent: number[] = [];

  const isAbsent = (field: number, membership: Membership): boolean =>
    !(valuesOf[field] ?? []).some((v) => combineMemberships(membership, v.membership) !== undefined);

  const search = (field: number, membership: Membership): boolean => {
    const condition = branch[field];
    if (condition === undefined) return absent.every((f) => isAbsent(f, membership));
    for (const candidate of valuesOf[field] ?? []) {
      if (!satisfies(condition, candidate)) continue;
      const combined = combineMemberships(membership, candidate.membership);
      if (combined !== undefined && search(field + 1, combined)) return true;
    }
    if (!condition.allowAbsent) return false;
    absent.push(field);
    const found = search(field + 1, membership);
    absent.pop();
    return found;
  };

  return search(0, []);
}
