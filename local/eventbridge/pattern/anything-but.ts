import { equalsIgnoringCase, fold } from './case-folding';
import { reject } from './errors';
import type { JsonNode } from './json';
import { comparableNumber } from './numeric';
import type { Leaf, ValueMatcher } from './types';
import { matchesWildcard, parseWildcard } from './wildcard';

type Negated = 'equals-ignore-case' | 'prefix' | 'suffix' | 'wildcard';

/**
 * `{"anything-but": ...}`: the value is anything except what is listed. A listed string or number only
 * excludes that exact value (of that type), so `null`, booleans and values of the other type always match;
 * the negated string operators (prefix, suffix, wildcard, equals-ignore-case) only exclude strings. A field
 * the event does not have never matches: anything-but is about a value that is there.
 */
export function compileAnythingBut(operand: JsonNode): ValueMatcher {
  if (operand.kind === 'object') return compileNegatedOperator(operand.members);
  if (operand.kind === 'array') return excludeValues(operand.items);
  if (operand.kind === 'string' || operand.kind === 'number') return excludeValues([operand]);
  reject('Value of anything-but must be an array or single string/number value.');
}

function excludeValues(items: readonly JsonNode[]): ValueMatcher {
  const strings = new Set<string>();
  const numbers = new Set<number>();
  for (const item of items) {
    if (item.kind === 'string') strings.add(item.value);
    else if (item.kind === 'number') numbers.add(comparableNumber(item));
    else reject('Inside anything but list, start|null|boolean is not supported.');
  }
  if (strings.size > 0 === numbers.size > 0) {
    reject('Inside anything but list, either all values are number or string, mixed type is not supported');
  }
  return (value: Leaf) => {
    if (typeof value === 'string') return !strings.has(value);
    if (typeof value === 'number') return !numbers.has(value);
    return true;
  };
}

function compileNegatedOperator(members: readonly { key: string; value: JsonNode }[]): ValueMatcher {
  const [member, ...extra] = members;
  if (member === undefined) reject('Anything-But expression name not found');
  const operator = member.key;
  if (!isNegated(operator)) reject(`Unsupported anything-but pattern: ${operator}`);
  const operand = member.value;
  if (operand.kind !== 'array' && operand.kind !== 'string' && operand.kind !== 'number') {
    reject('Value of anything-but must be an array or single string/number value.');
  }
  const texts = (operand.kind === 'array' ? operand.items : [operand]).map((item) =>
    negatedText(operator, item),
  );
  // AWS's compiler reports a second key here with its numeric-expression wording
  if (extra.length > 0) reject('Too many elements in numeric expression');
  const excluded = excludedBy(operator, texts);
  return (value) => typeof value !== 'string' || !excluded(value);
}

function isNegated(operator: string): operator is Negated {
  return (
    operator === 'equals-ignore-case' ||
    operator === 'prefix' ||
    operator === 'suffix' ||
    operator === 'wildcard'
  );
}

function negatedText(operator: Negated, item: JsonNode): string {
  if (item.kind !== 'string') {
    if (operator === 'equals-ignore-case') {
      reject('Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.');
    }
    if (operator === 'wildcard') reject('wildcard match pattern must be a string');
    reject('prefix/suffix match pattern must be a string');
  }
  if ((operator === 'prefix' || operator === 'suffix') && item.value === '')
    reject('Null prefix/suffix not allowed');
  return item.value;
}

function excludedBy(operator: Negated, texts: readonly string[]): (value: string) => boolean {
  switch (operator) {
    case 'equals-ignore-case': {
      const folded = texts.map(fold);
      return (value) => folded.some((text) => equalsIgnoringCase(value, text));
    }
    case 'prefix':
      return (value) => texts.some((text) => value.startsWith(text));
    case 'suffix':
      return (value) => texts.some((text) => value.endsWith(text));
    case 'wildcard': {
      const patterns = texts.map(parseWildcard);
      return (value) => patterns.some((literals) => matchesWildcard(value, literals));
    }
  }
}
