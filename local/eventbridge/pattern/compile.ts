import { reject } from './errors';
import { type JsonNode, parseJson } from './json';
import { type CompiledField, compileField } from './operators';
import type { CompiledPattern } from './types';
import { checkWildcardComplexity } from './wildcard';

type JsonObject = Extract<JsonNode, { kind: 'object' }>;

/** One alternative of the pattern under construction: its conditions by dot-joined path. */
type Branch = Map<string, CompiledField>;

const OR = '$or';

/**
 * Names AWS reserves for operators; inside `$or` they cannot be field names, so that a misplaced operator
 * is an error rather than a field that never exists.
 */
const RESERVED_IN_OR = new Set([
  'exactly',
  'equals-ignore-case',
  'prefix',
  'suffix',
  'anything-but',
  'exists',
  'wildcard',
  'numeric',
  'cidr',
  '=',
  '<',
  '<=',
  '>',
  '>=',
  'regex',
  'not-wildcard',
  'not-equals-ignore-case',
  'date-after',
  'date-on-or-after',
  'date-before',
  'date-on-or-before',
  'in-date-range',
  'ip-address-in-range',
  'ip-address-not-in-range',
]);

/**
 * Not an AWS rule but a guard of ours: nested `$or`s multiply, and a few dozen of them in a pattern would
 * otherwise expand into more alternatives than memory holds.
 */
const MAX_BRANCHES = 1000;

/**
 * Validates an event pattern with AWS's rules and compiles it for matching. Pass the raw JSON text when you
 * have it: a repeated key is then seen as AWS sees it, each occurrence compiled in turn (a later value list
 * for a field replaces the earlier one, a repeated object adds its fields), where a parsed object has kept
 * only the last occurrence.
 *
 * @throws InvalidEventPatternError with AWS's reason when EventBridge would reject the pattern.
 */
export function compileEventPattern(pattern: string | object): CompiledPattern {
  const root = parseJson(typeof pattern === 'string' ? pattern : (JSON.stringify(pattern) ?? ''));
  if (root.kind !== 'object') reject('Filter is not an object');
  const branches: Branch[] = [];
  compileObject(root, [], branches, false);
  checkComplexity(branches);
  return { branches: branches.map((branch) => [...branch.values()]) };
}

function compileObject(
  node: JsonObject,
  path: readonly string[],
  branches: Branch[],
  insideOr: boolean,
): void {
  if (node.members.length === 0) reject('Empty objects are not allowed');
  for (const { key, value } of node.members) {
    if (key === OR) {
      compileOr(value, path, branches);
      continue;
    }
    if (insideOr && RESERVED_IN_OR.has(key)) {
      reject(`${key} is Ruler reserved fieldName which cannot be used inside ${OR}.`);
    }
    if (value.kind === 'object') compileObject(value, [...path, key], branches, insideOr);
    else if (value.kind === 'array') setField(branches, compileField([...path, key].join('.'), value.items));
    else reject(`"${key}" must be an object or an array`);
  }
}

/**
 * `{"$or": [A, B]}` turns every branch built so far into one copy per alternative; fields that follow the
 * `$or` in the same object then apply to all of the copies.
 */
function compileOr(value: JsonNode, path: readonly string[], branches: Branch[]): void {
  if (value.kind !== 'array') reject(`It must be an Array followed with ${OR}.`);
  const before = branches.splice(0, branches.length);
  for (const alternative of value.items) {
    if (alternative.kind !== 'object') reject(`Only JSON object is allowed in array of ${OR} relationship.`);
    const copies = before.length > 0 ? before.map((branch) => new Map(branch)) : [new Map()];
    compileObject(alternative, path, copies, true);
    branches.push(...copies);
    if (branches.length > MAX_BRANCHES) reject(`Too many ${OR} alternatives (more than ${MAX_BRANCHES})`);
  }
  if (value.items.length < 2) reject(`There must have at least 2 Objects in ${OR} relationship.`);
}

/** A field set twice in one branch keeps the later list, as AWS's compiler does. */
function setField(branches: Branch[], field: CompiledField): void {
  if (branches.length === 0) branches.push(new Map());
  for (const branch of branches) branch.set(field.path, field);
}

/** All the wildcard patterns one field ends up with, across the alternatives, weigh on one automaton. */
function checkComplexity(branches: readonly Branch[]): void {
  const byPath = new Map<string, Set<string>>();
  for (const branch of branches) {
    for (const field of branch.values()) {
      if (field.wildcards.length === 0) continue;
      const patterns = byPath.get(field.path) ?? new Set<string>();
      for (const pattern of field.wildcards) patterns.add(pattern);
      byPath.set(field.path, patterns);
    }
  }
  for (const patterns of byPath.values()) checkWildcardComplexity([...patterns]);
}
