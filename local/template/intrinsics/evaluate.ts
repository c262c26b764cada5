import { isRecord } from '../cfn-template';
import { and, conditionValue, equals, fnIf, not, or } from './conditions';
import { findInMap, getAtt, getStackOutput, importValue, ref } from './references';
import { base64, getAzs, join, length, select, split, sub, toJsonString } from './strings-and-lists';
import { type IntrinsicContext, type IntrinsicFunction, type IntrinsicScope, NO_VALUE } from './types';

const FUNCTIONS: Readonly<Record<string, IntrinsicFunction>> = {
  Ref: ref,
  'Fn::GetAtt': getAtt,
  'Fn::ImportValue': importValue,
  'Fn::GetStackOutput': getStackOutput,
  'Fn::FindInMap': findInMap,
  'Fn::Join': join,
  'Fn::Sub': sub,
  'Fn::Select': select,
  'Fn::Split': split,
  'Fn::Base64': base64,
  'Fn::Length': length,
  'Fn::ToJsonString': toJsonString,
  'Fn::GetAZs': getAzs,
  'Fn::If': fnIf,
  'Fn::Equals': equals,
  'Fn::Not': not,
  'Fn::And': and,
  'Fn::Or': or,
};

/** `{ Ref: ... }` or `{ 'Fn::...': ... }`: an object whose single key names an intrinsic function. */
export function intrinsicOf(value: unknown): { readonly name: string; readonly args: unknown } | undefined {
  if (!isRecord(value)) return undefined;
  const keys = Object.keys(value);
  const name = keys[0];
  if (keys.length !== 1 || name === undefined || !(name === 'Ref' || name.startsWith('Fn::')))
    return undefined;
  return { name, args: value[name] };
}

/**
 * Evaluates every intrinsic function inside a template value and returns plain JSON. `AWS::NoValue`
 * removes the key or list element that holds it; at the top level it comes back as NO_VALUE. Functions the
 * local cloud cannot evaluate (Fn::Cidr, Fn::Transform, ...) are reported through the scope and replaced by
 * its placeholder, never passed through as if they were data.
 */
export function evaluate(value: unknown, scope: IntrinsicScope, at: string): unknown {
  if (Array.isArray(value)) {
    return value
      .map((item, index) => evaluate(item, scope, `${at}/${index}`))
      .filter((item) => item !== NO_VALUE);
  }
  if (!isRecord(value)) return value;
  const intrinsic = intrinsicOf(value);
  if (intrinsic) {
    const fn = FUNCTIONS[intrinsic.name];
    if (!fn) return scope.unresolvable(at, intrinsic.name, 'the local cloud does not evaluate this function');
    return fn(intrinsic.args, contextAt(scope, at, intrinsic.name));
  }
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const evaluated = evaluate(item, scope, `${at}/${key}`);
    if (evaluated !== NO_VALUE) result[key] = evaluated;
  }
  return result;
}

/** A condition of the Conditions section: a condition function, `{ Condition: name }` or a boolean. */
export function evaluateCondition(value: unknown, scope: IntrinsicScope, at: string): boolean {
  return conditionValue(value, contextAt(scope, at, 'Condition'));
}

function contextAt(scope: IntrinsicScope, at: string, fn: string): IntrinsicContext {
  return {
    scope,
    at,
    // Arguments are located inside the function (`Uri/Fn::Join/1`), like a path into the template.
    evaluate: (nested, nestedAt = `${at}/${fn}`) => evaluate(nested, scope, nestedAt),
  };
}
