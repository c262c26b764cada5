import { isRecord } from '../cfn-template';
import { TemplateResolutionError } from '../resolution-error';
import { argumentList, listValue, stringValue } from './arguments';
import { parseSub, splitAttributeReference } from './sub';
import type { IntrinsicContext } from './types';

/** The intrinsics that compute a value from other values: strings, lists, encodings. */

export function join(args: unknown, { at, evaluate }: IntrinsicContext): string {
  const [delimiter, list] = argumentList('Fn::Join', args, at, 2);
  const parts = listValue('Fn::Join', evaluate(list), at);
  return parts.map((part) => stringValue('Fn::Join', part, at)).join(stringValue('Fn::Join', delimiter, at));
}

/**
 * `"template"` or `["template", { Var: value }]`. Variables are evaluated only when the template uses them,
 * so an unused variable can never fail or be reported.
 */
export function sub(args: unknown, { scope, at, evaluate }: IntrinsicContext): string {
  const [template, variables = {}] =
    typeof args === 'string' ? [args] : argumentList('Fn::Sub', args, at, 1, 2);
  if (typeof template !== 'string' || !isRecord(variables)) {
    throw new TemplateResolutionError(
      at,
      `Fn::Sub takes a string or [string, { variables }], got ${JSON.stringify(args)}`,
    );
  }
  const variable = (name: string): unknown => {
    if (name in variables) return evaluate(variables[name]);
    const attribute = splitAttributeReference(name);
    return attribute ? scope.getAtt(attribute.logicalId, attribute.attribute, at) : scope.ref(name, at);
  };
  return parseSub(template)
    .map((part) =>
      'literal' in part
        ? part.literal
        : stringValue(`Fn::Sub \${${part.variable}}`, variable(part.variable), at),
    )
    .join('');
}

export function select(args: unknown, { at, evaluate }: IntrinsicContext): unknown {
  const [index, list] = argumentList('Fn::Select', args, at, 2);
  const position = Number(stringValue('Fn::Select', evaluate(index), at));
  const items = listValue('Fn::Select', evaluate(list), at);
  if (!Number.isInteger(position) || position < 0 || position >= items.length) {
    throw new TemplateResolutionError(
      at,
      `Fn::Select index ${position} is outside a list of ${items.length}`,
    );
  }
  return items[position];
}

export function split(args: unknown, { at, evaluate }: IntrinsicContext): string[] {
  const [delimiter, source] = argumentList('Fn::Split', args, at, 2);
  return stringValue('Fn::Split', evaluate(source), at).split(stringValue('Fn::Split', delimiter, at));
}

export function base64(args: unknown, { at, evaluate }: IntrinsicContext): string {
  return Buffer.from(stringValue('Fn::Base64', evaluate(args), at), 'utf8').toString('base64');
}

export function length(args: unknown, { at, evaluate }: IntrinsicContext): number {
  return listValue('Fn::Length', evaluate(args), at).length;
}

export function toJsonString(args: unknown, { evaluate }: IntrinsicContext): string {
  return JSON.stringify(evaluate(args));
}

/** The local region has three availability zones, `<region>a` to `<region>c`. */
export function getAzs(args: unknown, { scope, at, evaluate }: IntrinsicContext): string[] {
  const region = stringValue('Fn::GetAZs', evaluate(args), at) || scope.region;
  return ['a', 'b', 'c'].map((zone) => `${region}${zone}`);
}
