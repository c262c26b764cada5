import { TemplateResolutionError } from '../resolution-error';
import { argumentList, stringValue } from './arguments';
import type { IntrinsicContext } from './types';

/**
 * Fn::If and the condition functions. `{ Condition: name }` is only a condition reference inside a condition
 * function (elsewhere an object with a `Condition` key is plain data, e.g. an IAM statement).
 */

export function fnIf(args: unknown, { scope, at, evaluate }: IntrinsicContext): unknown {
  const [name, whenTrue, whenFalse] = argumentList('Fn::If', args, at, 3);
  return scope.condition(stringValue('Fn::If', name, at), at) ? evaluate(whenTrue) : evaluate(whenFalse);
}

export function equals(args: unknown, context: IntrinsicContext): boolean {
  const [left, right] = argumentList('Fn::Equals', args, context.at, 2).map((value) =>
    context.evaluate(value),
  );
  // CloudFormation compares the values as written: "1" equals 1 after its string conversion.
  return JSON.stringify(normalize(left)) === JSON.stringify(normalize(right));
}

export function not(args: unknown, context: IntrinsicContext): boolean {
  const [operand] = argumentList('Fn::Not', args, context.at, 1);
  return !conditionValue(operand, context);
}

export function and(args: unknown, context: IntrinsicContext): boolean {
  return argumentList('Fn::And', args, context.at, 2, 10).every((operand) =>
    conditionValue(operand, context),
  );
}

export function or(args: unknown, context: IntrinsicContext): boolean {
  return argumentList('Fn::Or', args, context.at, 2, 10).some((operand) => conditionValue(operand, context));
}

/** A condition operand: `{ Condition: name }`, a condition function, or anything evaluating to a boolean. */
export function conditionValue(value: unknown, { scope, at, evaluate }: IntrinsicContext): boolean {
  if (
    typeof value === 'object' &&
    value !== null &&
    'Condition' in value &&
    Object.keys(value).length === 1
  ) {
    return scope.condition(stringValue('Condition', value.Condition, at), at);
  }
  const result = evaluate(value);
  if (result === true || result === 'true') return true;
  if (result === false || result === 'false') return false;
  throw new TemplateResolutionError(at, `expected a condition, got ${JSON.stringify(value)}`);
}

function normalize(value: unknown): unknown {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? value.map(normalize) : value;
}
