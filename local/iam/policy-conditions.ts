import { BlockList, isIP } from 'node:net';
import { wildcard } from './policy-matching';

/**
 * A statement's Condition block, evaluated as IAM documents it:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * (operators, `...IfExists`, Null, and what a missing key means),
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html
 * (several operators or keys: AND; several values for one key: OR, and NOR for a negated operator) and
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 * (`ForAllValues:` / `ForAnyValue:`). Pure: the request's keys and the clock come in the context.
 */

/** One context key's value: a string, or a list for a multivalued key. */
export type ContextValue = string | readonly string[];

/** The request context: condition key names lower-cased (IAM compares them case-insensitively). */
export type RequestContext = ReadonlyMap<string, ContextValue>;

/** A block matches, or it does not; `problem` says why a malformed or unknown condition matched nothing. */
export interface ConditionResult {
  readonly matches: boolean;
  readonly problem?: string;
}

/** How one context value compares with one policy value; undefined: they cannot be compared (no match). */
type Comparison = (contextValue: string, policyValue: string) => boolean | undefined;

interface Operator {
  readonly compare: Comparison;
  /** A negated operator (StringNotEquals...) matches when no policy value matches, and when the key is missing. */
  readonly negated: boolean;
  /** Rejects a policy value AWS would refuse the policy for; returns what is wrong. */
  readonly invalid?: (policyValue: string) => string | undefined;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const parseNumber = (value: string): number | undefined =>
  NUMBER.test(value.trim()) ? Number(value) : undefined;

/** Dates are ISO 8601 (`2026-01-01T00:00:00Z`, or a date alone) or POSIX epoch seconds. */
function parseDate(value: string): number | undefined {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed)) return undefined;
  const parsed = Date.parse(trimmed);
  return Number.isNaN(parsed) ? undefined : parsed;
}

function compareParsed(
  parse: (value: string) => number | undefined,
  test: (a: number, b: number) => boolean,
): Comparison {
  return (contextValue, policyValue) => {
    const a = parse(contextValue);
    const b = parse(policyValue);
    return a === undefined || b === undefined ? undefined : test(a, b);
  };
}

/** `::ffff:192.0.2.1` is the IPv4 address it maps, as the caller's address is compared. */
function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}

/** `192.0.2.0/24`, `2001:db8::/32`, or one address (a /32 or /128). */
function parseCidr(value: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const [rawAddress = '', rawPrefix, extra] = value.trim().split('/');
  if (extra !== undefined) return undefined;
  const address = plainAddress(rawAddress);
  const version = isIP(address);
  if (version === 0) return undefined;
  const max = version === 4 ? 32 : 128;
  const prefix = rawPrefix === undefined ? max : /^\d+$/.test(rawPrefix) ? Number(rawPrefix) : Number.NaN;
  if (!(prefix >= 0 && prefix <= max)) return undefined;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

function ipInRange(contextValue: string, policyValue: string): boolean | undefined {
  const range = parseCidr(policyValue);
  const address = plainAddress(contextValue.trim());
  const version = isIP(address);
  if (range === undefined || version === 0) return undefined;
  // An IPv4 address is never in an IPv6 range nor the reverse (BlockList would map one onto the other).
  if ((version === 4) !== (range.family === 'ipv4')) return false;
  const list = new BlockList();
  list.addSubnet(range.address, range.prefix, range.family);
  return list.check(address, range.family);
}

/**
 * ArnEquals and ArnLike are one operator: each of the six colon-separated parts is matched on its own,
 * case-sensitively, with `*` and `?` (the last part keeps its colons).
 */
function arnMatches(contextValue: string, policyValue: string): boolean | undefined {
  const parts = (arn: string) => {
    const split = arn.split(':');
    return split.length < 6 ? undefined : [...split.slice(0, 5), split.slice(5).join(':')];
  };
  const actual = parts(contextValue);
  const pattern = parts(policyValue);
  if (actual === undefined || pattern === undefined) return false;
  return pattern.every((part, index) => wildcard(part).test(actual[index] ?? ''));
}

/** BinaryEquals: the policy value is base64 and so is the key's value in the context; the bytes must agree. */
function binaryEquals(contextValue: string, policyValue: string): boolean {
  return Buffer.from(contextValue, 'base64').equals(Buffer.from(policyValue, 'base64'));
}

const invalidNumber = (value: string) =>
  parseNumber(value) === undefined ? `'${value}' is not a number` : undefined;
const invalidDate = (value: string) =>
  parseDate(value) === undefined ? `'${value}' is not a date` : undefined;
const invalidCidr = (value: string) =>
  parseCidr(value) === undefined ? `'${value}' is not an IP address or CIDR range` : undefined;

const positive = (compare: Comparison, invalid?: Operator['invalid']): Operator => ({
  compare,
  negated: false,
  ...(invalid ? { invalid } : {}),
});
const negated = (operator: Operator): Operator => ({ ...operator, negated: true });

const stringEquals = positive((a, b) => a === b);
const stringEqualsIgnoreCase = positive((a, b) => a.toLowerCase() === b.toLowerCase());
const stringLike = positive((a, b) => wildcard(b).test(a));
const numeric = (test: (a: number, b: number) => boolean) =>
  positive(compareParsed(parseNumber, test), invalidNumber);
const date = (test: (a: number, b: number) => boolean) =>
  positive(compareParsed(parseDate, test), invalidDate);
const numericEquals = numeric((a, b) => a === b);
const dateEquals = date((a, b) => a === b);
const arn = positive(arnMatches);
const ipAddress = positive(ipInRange, invalidCidr);

/** The documented operators, by lower-cased name, without `IfExists` and set qualifiers. */
const OPERATORS: ReadonlyMap<string, Operator> = new Map(
  Object.entries({
    StringEquals: stringEquals,
    StringNotEquals: negated(stringEquals),
    StringEqualsIgnoreCase: stringEqualsIgnoreCase,
    StringNotEqualsIgnoreCase: negated(stringEqualsIgnoreCase),
    StringLike: stringLike,
    StringNotLike: negated(stringLike),
    NumericEquals: numericEquals,
    NumericNotEquals: negated(numericEquals),
    NumericLessThan: numeric((a, b) => a < b),
    NumericLessThanEquals: numeric((a, b) => a <= b),
    NumericGreaterThan: numeric((a, b) => a > b),
    NumericGreaterThanEquals: numeric((a, b) => a >= b),
    DateEquals: dateEquals,
    DateNotEquals: negated(dateEquals),
    DateLessThan: date((a, b) => a < b),
    DateLessThanEquals: date((a, b) => a <= b),
    DateGreaterThan: date((a, b) => a > b),
    DateGreaterThanEquals: date((a, b) => a >= b),
    Bool: positive((a, b) => a.toLowerCase() === b.toLowerCase()),
    BinaryEquals: positive(binaryEquals),
    IpAddress: ipAddress,
    NotIpAddress: negated(ipAddress),
    ArnEquals: arn,
    ArnLike: arn,
    ArnNotEquals: negated(arn),
    ArnNotLike: negated(arn),
  }).map(([name, operator]) => [name.toLowerCase(), operator]),
);

type SetQualifier = 'forallvalues' | 'foranyvalue' | undefined;

interface ParsedOperator {
  readonly set: SetQualifier;
  readonly ifExists: boolean;
  /** Null, or one of OPERATORS. */
  readonly base: 'null' | Operator;
}

/** `ForAnyValue:StringLikeIfExists` -> its parts; undefined for an operator IAM does not have. */
function parseOperator(name: string): ParsedOperator | undefined {
  const [qualifier, rest, extra] = name.toLowerCase().split(':');
  if (extra !== undefined) return undefined;
  const set = rest === undefined ? undefined : qualifier;
  if (set !== undefined && set !== 'forallvalues' && set !== 'foranyvalue') return undefined;
  let base = rest ?? qualifier ?? '';
  const ifExists = base.endsWith('ifexists');
  if (ifExists) base = base.slice(0, -'ifexists'.length);
  // Null checks presence itself: it takes neither IfExists nor a set qualifier.
  if (base === 'null') return ifExists || set !== undefined ? undefined : { set, ifExists, base: 'null' };
  const operator = OPERATORS.get(base);
  return operator === undefined ? undefined : { set, ifExists, base: operator };
}

/** A condition value is a string, number or boolean, or a list of them (compared as their text). */
function policyValuesOf(value: unknown): string[] | undefined {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) return undefined;
  const strings = list.map((item) =>
    typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean'
      ? String(item)
      : undefined,
  );
  return strings.every((item) => item !== undefined) ? (strings as string[]) : undefined;
}

/** A key is missing when the context has no value for it, or an empty list. */
function contextValuesOf(context: RequestContext, key: string): readonly string[] | undefined {
  const value = context.get(key.toLowerCase());
  if (value === undefined) return undefined;
  const list = typeof value === 'string' ? [value] : value;
  return list.length === 0 ? undefined : list;
}

/** One context value against the policy values: any of them (OR), or for a negated operator none (NOR). */
function valueMatches(operator: Operator, contextValue: string, policyValues: readonly string[]): boolean {
  const comparisons = policyValues.map((policyValue) => operator.compare(contextValue, policyValue));
  // A value that cannot be compared (a number key holding text) matches neither way.
  if (comparisons.every((result) => result === undefined)) return false;
  const anyMatch = comparisons.some((result) => result === true);
  return operator.negated ? !anyMatch : anyMatch;
}

function keyMatches(
  parsed: ParsedOperator,
  key: string,
  policyValues: readonly string[],
  context: RequestContext,
) {
  const values = contextValuesOf(context, key);
  if (parsed.base === 'null') {
    // `"Null": {"key": "true"}`: the key is missing; `"false"`: it is there.
    return policyValues.some((value) => (value.toLowerCase() === 'true') === (values === undefined));
  }
  const operator = parsed.base;
  if (values === undefined) {
    if (parsed.ifExists) return true;
    // ForAllValues over nothing is vacuously true; ForAnyValue over nothing is false.
    if (parsed.set === 'forallvalues') return true;
    if (parsed.set === 'foranyvalue') return false;
    // A missing key fails every positive comparison and so satisfies every negated one.
    return operator.negated;
  }
  if (parsed.set === 'forallvalues')
    return values.every((value) => valueMatches(operator, value, policyValues));
  if (parsed.set === 'foranyvalue')
    return values.some((value) => valueMatches(operator, value, policyValues));
  // Without a set qualifier a multivalued key matches as any of its values would (none, if negated).
  return operator.negated
    ? values.every((value) => valueMatches(operator, value, policyValues))
    : values.some((value) => valueMatches(operator, value, policyValues));
}

/**
 * Whether a statement's Condition element holds for the request: every operator, every key under it
 * (AND). An operator IAM does not have, or a value it would refuse the policy for, makes the block not
 * match, with `problem` saying which, so the caller can log it: AWS would have refused such a policy.
 */
export function conditionsMatch(condition: unknown, context: RequestContext): ConditionResult {
  if (condition === undefined) return { matches: true };
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) {
    return { matches: false, problem: 'the Condition element is not an object' };
  }
  let matches = true;
  for (const [operatorName, keys] of Object.entries(condition)) {
    const parsed = parseOperator(operatorName);
    if (parsed === undefined)
      return { matches: false, problem: `unknown condition operator '${operatorName}'` };
    if (typeof keys !== 'object' || keys === null || Array.isArray(keys)) {
      return {
        matches: false,
        problem: `condition operator '${operatorName}' does not hold an object of keys`,
      };
    }
    for (const [key, value] of Object.entries(keys)) {
      const policyValues = policyValuesOf(value);
      if (policyValues === undefined) {
        return { matches: false, problem: `condition ${operatorName} on '${key}' has no usable value` };
      }
      const wrong =
        parsed.base === 'null'
          ? undefined
          : policyValues.map((v) => (parsed.base as Operator).invalid?.(v)).find(Boolean);
      if (wrong) return { matches: false, problem: `condition ${operatorName} on '${key}': ${wrong}` };
      // Evaluate everything (not just to the first false) so a malformed later block is still reported.
      if (!keyMatches(parsed, key, policyValues, context)) matches = false;
    }
  }
  return { matches };
}
