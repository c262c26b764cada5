import type { EventEnvelope } from '../events/envelope';
import type { InputTransformerModel } from '../model/types';
import { readJsonPath } from './json-path';

/** What the predefined `aws.events.*` variables are filled from. */
export interface TransformContext {
  readonly ruleArn: string;
  readonly ruleName: string;
  readonly ingestionTime: string;
}

/** A variable: found (any JSON value), or declared in InputPathsMap but absent from the event. */
type Variable = { readonly found: true; readonly value: unknown } | { readonly found: false };

const PLACEHOLDER_NAME = /^[A-Za-z0-9_.-]+$/;

/**
 * Fills an InputTemplate the way EventBridge does
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html):
 *
 * - A JSON template (starting with `{` or `[`): a placeholder in a value position is replaced by the value
 *   as JSON (strings get their quotes, objects and arrays stay JSON); inside a string literal the value is
 *   inserted as text, unescaped, and an object or array loses its internal quotes so the string stays a
 *   string.
 * - Any other template is text: every value is inserted as text, objects and arrays without quotes.
 * - A variable whose path is not in the event is not created: empty text, or `null` in a JSON value
 *   position (our choice, so the output stays JSON).
 * - A placeholder that names no variable stays as written.
 */
export function applyInputTransformer(
  transformer: InputTransformerModel,
  envelope: EventEnvelope,
  context: TransformContext,
): string {
  const variables = variablesFor(transformer, envelope, context);
  const template = transformer.inputTemplate;
  const json = /^\s*[[{]/.test(template);
  let output = '';
  let inString = false;
  for (let at = 0; at < template.length; at += 1) {
    const char = template[at] ?? '';
    if (json && inString && char === '\\') {
      output += char + (template[at + 1] ?? '');
      at += 1;
      continue;
    }
    if (json && char === '"') inString = !inString;
    const end = char === '<' ? template.indexOf('>', at + 1) : -1;
    const name = end > at ? template.slice(at + 1, end) : '';
    const variable = PLACEHOLDER_NAME.test(name) ? variables.get(name) : undefined;
    if (variable === undefined) {
      output += char;
      continue;
    }
    output += render(variable, json && !inString);
    at = end;
  }
  return output;
}

function variablesFor(
  transformer: InputTransformerModel,
  envelope: EventEnvelope,
  context: TransformContext,
): Map<string, Variable> {
  const variables = new Map<string, Variable>();
  for (const [name, path] of Object.entries(transformer.inputPathsMap)) {
    variables.set(name, readJsonPath(envelope, path));
  }
  const { detail: _detail, ...withoutDetail } = envelope;
  // Predefined variables are reserved: they win over a same-named InputPathsMap entry, as AWS forbids those.
  variables.set('aws.events.rule-arn', { found: true, value: context.ruleArn });
  variables.set('aws.events.rule-name', { found: true, value: context.ruleName });
  variables.set('aws.events.event.ingestion-time', { found: true, value: context.ingestionTime });
  variables.set('aws.events.event', { found: true, value: withoutDetail });
  variables.set('aws.events.event.json', { found: true, value: envelope });
  return variables;
}

function render(variable: Variable, asJsonValue: boolean): string {
  if (!variable.found) return asJsonValue ? 'null' : '';
  const { value } = variable;
  if (asJsonValue) return JSON.stringify(value) ?? 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value).replaceAll('"', '');
  return String(value);
}
