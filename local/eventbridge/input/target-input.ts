import type { EventEnvelope } from '../events/envelope';
import type { TargetModel } from '../model/types';
import { applyInputTransformer, type TransformContext } from './input-transformer';
import { readJsonPath } from './json-path';

/**
 * The text a target receives for an event: the whole event by default, else the target's constant
 * `Input`, the part of the event at `InputPath`, or the filled `InputTransformer` template.
 */
export function targetInput(target: TargetModel, envelope: EventEnvelope, context: TransformContext): string {
  if (target.input !== undefined) return target.input;
  if (target.inputPath !== undefined) {
    const result = readJsonPath(envelope, target.inputPath);
    // A path that is not in the event gives `null` (our choice; AWS documents no answer).
    return result.found ? (JSON.stringify(result.value) ?? 'null') : 'null';
  }
  if (target.inputTransformer !== undefined) {
    return applyInputTransformer(target.inputTransformer, envelope, context);
  }
  return JSON.stringify(envelope);
}

/**
 * The payload of a Lambda invocation (or an execution's input): the JSON the text holds, or the text as
 * a JSON string when it is not JSON (a plain-text template).
 */
export function asJsonPayload(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
