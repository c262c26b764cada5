import type { Leaf } from './types';

/**
 * Where a value sits in the event's arrays: the array and element index for each array of objects (or of
 * arrays) on its way. AWS matches "array-consistently": two fields only match together when their values
 * come from the same element of every array they share, so `{"a": {"b": [1], "c": [2]}}` does not match
 * `{"a": [{"b": 1}, {"c": 2}]}`. Arrays are identified by the array object itself, which stays the same
 * whichever field's values are being looked up.
 */
export type Membership = readonly ArrayPosition[];

export interface ArrayPosition {
  readonly array: readonly unknown[];
  readonly index: number;
}

export interface EventValue {
  readonly value: Leaf;
  readonly membership: Membership;
}

const NO_MEMBERSHIP: Membership = [];

/**
 * The values of one pattern field in an event, found the way EventBridge flattens events: a field's path is
 * its keys joined with dots, whether the dots come from nesting or sit inside a key (`{"a": {"b": 1}}` and
 * `{"a.b": 1}` both hold `a.b`). Each element of an array counts as a value of the array's path; objects and
 * arrays themselves are not values. Only the keys on the way to the field are looked at.
 *
 * @param keysFrom the field's keysAlong(path).
 */
export function valuesAt(event: object, keysFrom: readonly (readonly string[])[]): EventValue[] {
  const found: EventValue[] = [];
  descend(event, keysFrom, 0, NO_MEMBERSHIP, found);
  return found;
}

/**
 * The keys an event can hold a path under, from each of its segments on: `a.b.c` can be `a` > `b` > `c`,
 * `a.b` > `c`, `a` > `b.c` or the one key `a.b.c`, so from segment 0 the candidates are `a`, `a.b` and `a.b.c`.
 */
export function keysAlong(path: string): string[][] {
  const segments = path.split('.');
  return segments.map((_, from) =>
    segments.slice(from).map((__, taken) => segments.slice(from, from + taken + 1).join('.')),
  );
}

function descend(
  node: unknown,
  keysFrom: readonly (readonly string[])[],
  segment: number,
  membership: Membership,
  found: EventValue[],
): void {
  if (segment === keysFrom.length) {
    collectLeaves(node, membership, found);
  } else if (Array.isArray(node)) {
    node.forEach((element: unknown, index) => {
      // scalar elements are values of the array's own path, not of the longer path being looked up
      if (isContainer(element)) descend(element, keysFrom, segment, enter(membership, node, index), found);
    });
  } else if (isContainer(node)) {
    const keys = keysFrom[segment] ?? [];
    for (let taken = 0; taken < keys.length; taken++) {
      const key = keys[taken] ?? '';
      if (Object.hasOwn(node, key)) {
        descend((node as Record<string, unknown>)[key], keysFrom, segment + taken + 1, membership, found);
      }
    }
  }
}

function collectLeaves(node: unknown, membership: Membership, found: EventValue[]): void {
  if (Array.isArray(node)) {
    node.forEach((element: unknown, index) => {
      // an element that is itself an array is a place other fields can share, so it carries its index
      if (Array.isArray(element)) collectLeaves(element, enter(membership, node, index), found);
      else if (isLeaf(element)) found.push({ value: element, membership });
    });
  } else if (isLeaf(node)) {
    found.push({ value: node, membership });
  }
}

function enter(membership: Membership, array: readonly unknown[], index: number): Membership {
  return [...membership, { array, index }];
}

function isContainer(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}

/** JSON leaves; `undefined` and other non-JSON members of a JS object are not there, as in its JSON form. */
function isLeaf(value: unknown): value is Leaf {
  return (
    value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
  );
}

/** The union of two memberships, or undefined when they place the values in different elements of an array. */
export function combineMemberships(a: Membership, b: Membership): Membership | undefined {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const combined = [...a];
  for (const position of b) {
    const known = a.find((p) => p.array === position.array);
    if (known === undefined) combined.push(position);
    else if (known.index !== position.index) return undefined;
  }
  return combined;
}
