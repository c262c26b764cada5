import { isRecord } from '../cfn-template';
import { TemplateResolutionError } from '../resolution-error';
import { argumentList, stringValue } from './arguments';
import { splitAttributeReference } from './sub';
import type { IntrinsicContext } from './types';

/** Ref, Fn::GetAtt, Fn::ImportValue, Fn::GetStackOutput and Fn::FindInMap: values that live elsewhere. */

export function ref(args: unknown, { scope, at }: IntrinsicContext): unknown {
  if (typeof args !== 'string')
    throw new TemplateResolutionError(at, `Ref takes a name, got ${JSON.stringify(args)}`);
  return scope.ref(args, at);
}

/** Both `[logicalId, attribute]` (the attribute may be an intrinsic) and the `"logicalId.attribute"` form. */
export function getAtt(args: unknown, { scope, at, evaluate }: IntrinsicContext): unknown {
  if (typeof args === 'string') {
    const reference = splitAttributeReference(args);
    if (!reference) throw new TemplateResolutionError(at, `Fn::GetAtt "${args}" is not "Resource.Attribute"`);
    return scope.getAtt(reference.logicalId, reference.attribute, at);
  }
  const [logicalId, attribute] = argumentList('Fn::GetAtt', args, at, 2);
  return scope.getAtt(
    stringValue('Fn::GetAtt', logicalId, at),
    stringValue('Fn::GetAtt', evaluate(attribute), at),
    at,
  );
}

export function importValue(args: unknown, { scope, at, evaluate }: IntrinsicContext): unknown {
  return scope.importValue(stringValue('Fn::ImportValue', evaluate(args), at), at);
}

/**
 * CDK's "weak" cross-stack reference: `{ StackName, OutputName, Region? }`. The local cloud has one region,
 * so Region is evaluated (it may be an intrinsic) but does not select anything.
 */
export function getStackOutput(args: unknown, { scope, at, evaluate }: IntrinsicContext): unknown {
  const resolved = evaluate(args);
  if (!isRecord(resolved)) {
    throw new TemplateResolutionError(
      at,
      `Fn::GetStackOutput takes { StackName, OutputName }, got ${JSON.stringify(args)}`,
    );
  }
  return scope.stackOutput(
    stringValue('Fn::GetStackOutput StackName', resolved.StackName, at),
    stringValue('Fn::GetStackOutput OutputName', resolved.OutputName, at),
    at,
  );
}

/** `[MapName, TopKey, SecondKey]`, plus the language extension's optional `{ DefaultValue }` fourth argument. */
export function findInMap(args: unknown, { scope, at, evaluate }: IntrinsicContext): unknown {
  const list = argumentList('Fn::FindInMap', args, at, 3, 4);
  const [mapName, topKey, secondKey] = list
    .slice(0, 3)
    .map((key) => stringValue('Fn::FindInMap', evaluate(key), at));
  const fallback = list[3];
  const map = scope.mappings[mapName ?? ''];
  const top = isRecord(map) ? map[topKey ?? ''] : undefined;
  const value = isRecord(top) ? top[secondKey ?? ''] : undefined;
  if (value !== undefined) return value;
  if (isRecord(fallback) && 'DefaultValue' in fallback) return evaluate(fallback.DefaultValue);
  throw new TemplateResolutionError(at, `Fn::FindInMap: Mappings has no ${mapName}.${topKey}.${secondKey}`);
}
