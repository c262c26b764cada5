import { reject } from './errors';
import { type JsonNode, tokenText } from './json';
import type { Leaf, ValueMatcher } from './types';

/**
 * AWS compares numbers in a fixed-point form that covers -5.0e9 to +5.0e9 with six decimal places
 * (event-ruler's ComparableNumber). Pattern numbers outside it are rejected; event numbers outside it are
 * never numerically matched.
 */
const LIMIT = 5e9;
const MAX_DECIMALS = 6;

/** Validates a number written in a `numeric` or `anything-but` expression against AWS's limits. */
export function comparableNumber(node: Extract<JsonNode, { kind: 'number' }>): number {
  if (decimalPlaces(node.text) > MAX_DECIMALS) reject('Only values upto 6 decimals are supported');
  // Java prints the limit as a double, hence the odd formatting of AWS's message
  if (Math.abs(node.value) > LIMIT) reject('Value must be between -5.0E9 and 5.0E9, inclusive');
  return node.value;
}

/** An event value numeric matching applies to: a JSON number inside AWS's comparable range. */
export function comparableEventNumber(value: Leaf): number | undefined {
  return typeof value === 'number' && Math.abs(value) <= LIMIT ? value : undefined;
}

/** Significant decimal places of a JSON number literal, as BigDecimal.stripTrailingZeros().scale() counts. */
function decimalPlaces(text: string): number {
  const [mantissa = '', exponent = '0'] = text.toLowerCase().split('e');
  const [whole = '', fraction = ''] = mantissa.replace('-', '').split('.');
  const digits = (whole + fraction).replace(/0+$/, '');
  if (/^0*$/.test(digits)) return 0;
  const trailingZeros = whole.length + fraction.length - digits.length;
  return fraction.length - Number(exponent) - trailingZeros;
}

interface Bound {
  readonly value: number;
  readonly open: boolean;
}

/**
 * `{"numeric": [op, n]}` or `{"numeric": [">" | ">=", low, "<" | "<=", high]}`. The checks run in the order
 * AWS's compiler reads the array, so the first problem found is the one AWS reports.
 */
export function compileNumeric(operand: JsonNode): ValueMatcher {
  if (operand.kind !== 'array') reject('Value of numeric must be an array.');
  const [operator, first, second, third, ...extra] = operand.items;
  if (operator?.kind !== 'string') reject(`Invalid member in numeric match: ${tokenText(operator)}`);
  const op = operator.value;
  switch (op) {
    case '=': {
      const value = numericOperand(first, 'equals');
      if (second !== undefined) reject('Too many elements in numeric expression');
      return (v) => comparableEventNumber(v) === value;
    }
    case '<':
    case '<=': {
      const high = { value: numericOperand(first, op), open: op === '<' };
      if (second !== undefined) reject('Too many elements in numeric expression');
      return rangeMatcher(undefined, high);
    }
    case '>':
    case '>=': {
      const low = { value: numericOperand(first, op), open: op === '>' };
      if (second === undefined) return rangeMatcher(low, undefined);
      if (second.kind !== 'string') reject(`Bad value in numeric range: ${tokenText(second)}`);
      if (second.value !== '<' && second.value !== '<=')
        reject(`Bad numeric range operator: ${second.value}`);
      const high = { value: numericOperand(third, second.value), open: second.value === '<' };
      if (extra.length > 0) reject('Too many terms in numeric range expression');
      if (low.value >= high.value) reject('Bottom must be less than top');
      return rangeMatcher(low, high);
    }
    default:
      reject(`Unrecognized numeric range operator: ${op}`);
  }
}

function numericOperand(node: JsonNode | undefined, operatorName: string): number {
  if (node?.kind !== 'number') reject(`Value of ${operatorName} must be numeric`);
  return comparableNumber(node);
}

function rangeMatcher(low: Bound | undefined, high: Bound | undefined): ValueMatcher {
  return (v) => {
    const n = comparableEventNumber(v);
    if (n === undefined) return false;
    if (low !== undefined && (low.open ? n <= low.value : n < low.value)) return false;
    if (high !== undefined && (high.open ? n >= high.value : n > high.value)) return false;
    return true;
  };
}
