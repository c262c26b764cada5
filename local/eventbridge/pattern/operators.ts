import { compileAnythingBut } from './anything-but';
import { endsWithIgnoringCase, equalsIgnoringCase, fold, startsWithIgnoringCase } from './case-folding';
import { reject } from './errors';
import { keysAlong } from './event-values';
import { addressLiteralMatcher, compileCidr } from './ip-address';
import type { JsonMember, JsonNode } from './json';
import { compileNumeric } from './numeric';
import type { FieldCondition, ValueMatcher } from './types';
import { wildcardMatcher } from './wildcard';

/** A field condition plus what the complexity check needs to see of it. */
export interface CompiledField extends FieldCondition {
  /** The `wildcard` patterns of the list (not negated ones), for the rule complexity check. */
  readonly wildcards: readonly string[];
}

type Expression =
  | { readonly kind: 'value'; readonly matcher: ValueMatcher; readonly wildcard?: string }
  | { readonly kind: 'absent' };

/**
 * Compiles a field's value list: `["a", 1, null, {"prefix": "b"}, {"exists": false}]`. Every entry is an
 * alternative. Plain strings are gathered in one set so a long list of exact values costs one lookup.
 */
export function compileField(path: string, items: readonly JsonNode[]): CompiledField {
  if (items.length === 0) reject('Empty arrays are not allowed');
  const matchers: ValueMatcher[] = [];
  const exactStrings = new Set<string>();
  const wildcards: string[] = [];
  let allowAbsent = false;
  for (const item of items) {
    switch (item.kind) {
      case 'object': {
        const expression = compileExpression(item.members);
        if (expression.kind === 'absent') {
          allowAbsent = true;
        } else {
          matchers.push(expression.matcher);
          if (expression.wildcard !== undefined) wildcards.push(expression.wildcard);
        }
        break;
      }
      case 'string': {
        const address = addressLiteralMatcher(item.value);
        if (address === undefined) exactStrings.add(item.value);
        else matchers.push(address);
        break;
      }
      case 'number': {
        // by value, so 300, 300.0 and 3e2 are one number, as AWS compares them
        const expected = item.value;
        matchers.push((value) => value === expected);
        break;
      }
      case 'boolean':
      case 'null': {
        const expected = item.kind === 'null' ? null : item.value;
        matchers.push((value) => value === expected);
        break;
      }
      case 'array':
        reject('Match value must be String, number, true, false, or null');
    }
  }
  if (exactStrings.size > 0) {
    matchers.unshift((value) => typeof value === 'string' && exactStrings.has(value));
  }
  return { path, keysFrom: keysAlong(path), matchers, allowAbsent, wildcards };
}

/**
 * One `{operator: operand}` entry. The checks follow the order in which AWS's compiler reads the object, so
 * an invalid pattern is reported with the reason AWS gives for it.
 */
function compileExpression(members: readonly JsonMember[]): Expression {
  const [member, ...extra] = members;
  if (member === undefined) reject('Match expression name not found');
  const { key: operator, value: operand } = member;
  const onlyOneKey = (): void => {
    if (extra.length > 0) reject('Only one key allowed in match expression');
  };
  const value = (matcher: ValueMatcher, wildcard?: string): Expression =>
    wildcard === undefined ? { kind: 'value', matcher } : { kind: 'value', matcher, wildcard };

  switch (operator) {
    case 'prefix':
    case 'suffix': {
      const matcher =
        operand.kind === 'object' ? ignoringCase(operator, operand.members) : exactly(operator, operand);
      onlyOneKey();
      return value(matcher);
    }
    case 'equals-ignore-case': {
      if (operand.kind !== 'string') reject('equals-ignore-case match pattern must be a string');
      onlyOneKey();
      const expected = fold(operand.value);
      return value((v) => typeof v === 'string' && equalsIgnoringCase(v, expected));
    }
    case 'numeric': {
      const matcher = compileNumeric(operand);
      if (extra.length > 0) reject('Too many elements in numeric expression');
      return value(matcher);
    }
    case 'anything-but': {
      const matcher = compileAnythingBut(operand);
      if (extra.length > 0) reject('Too many elements in numeric expression');
      return value(matcher);
    }
    case 'exists': {
      if (operand.kind !== 'boolean') reject('exists match pattern must be either true or false.');
      onlyOneKey();
      // exists:true is any value at all, null included; exists:false is the field's absence
      return operand.value ? value(() => true) : { kind: 'absent' };
    }
    case 'cidr': {
      // AWS's wording for a non-string CIDR really is the prefix one
      if (operand.kind !== 'string') reject('prefix match pattern must be a string');
      const matcher = compileCidr(operand.value);
      onlyOneKey();
      return value(matcher);
    }
    case 'wildcard': {
      if (operand.kind !== 'string') reject('wildcard match pattern must be a string');
      const matcher = wildcardMatcher(operand.value);
      onlyOneKey();
      return value(matcher, operand.value);
    }
    default:
      reject(`Unrecognized match type ${operator}`);
  }
}

function exactly(operator: 'prefix' | 'suffix', operand: JsonNode): ValueMatcher {
  if (operand.kind !== 'string') reject(`${operator} match pattern must be a string`);
  const text = operand.value;
  return operator === 'prefix'
    ? (v) => typeof v === 'string' && v.startsWith(text)
    : (v) => typeof v === 'string' && v.endsWith(text);
}

/** `{"prefix": {"equals-ignore-case": "EventB"}}` and its suffix twin. */
function ignoringCase(operator: 'prefix' | 'suffix', members: readonly JsonMember[]): ValueMatcher {
  const name = operator === 'prefix' ? 'Prefix' : 'Suffix';
  const [member, ...extra] = members;
  if (member === undefined) reject(`${name} expression name not found`);
  if (member.key !== 'equals-ignore-case') reject(`Unsupported ${operator} pattern: ${member.key}`);
  if (member.value.kind !== 'string') reject('equals-ignore-case match pattern must be a string');
  if (extra.length > 0) reject('Only one key allowed in match expression');
  const expected = fold(member.value.value);
  return operator === 'prefix'
    ? (v) => typeof v === 'string' && startsWithIgnoringCase(v, expected)
    : (v) => typeof v === 'string' && endsWithIgnoringCase(v, expected);
}
