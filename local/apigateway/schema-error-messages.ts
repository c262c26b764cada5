import type { ErrorObject } from 'ajv-draft-04';

/**
 * API Gateway validates bodies with the Java json-schema-validator (draft-04) and reports its messages in
 * `$context.error.validationErrorString`, e.g. `[object has missing required properties (["items"])]`.
 * These reproduce that wording from ajv's errors as closely as is known; it is an approximation (the exact
 * text of rarer keywords, and the order of several errors, may differ).
 */

/** The json-schema-validator's type names: `integer` for whole numbers, `number` otherwise. */
function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** The instance an error is about, from its JSON pointer. */
function valueAt(data: unknown, pointer: string): unknown {
  if (pointer === '') return data;
  let current: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

const quote = (value: unknown) => JSON.stringify(value);
const list = (values: readonly unknown[]) => `[${values.map(quote).join(',')}]`;

function message(error: ErrorObject, data: unknown): string {
  const value = valueAt(data, error.instancePath);
  const params = error.params as Record<string, unknown>;
  const limit = params.limit;
  switch (error.keyword) {
    case 'type': {
      const allowed = Array.isArray(params.type) ? params.type : String(params.type).split(',');
      return `instance type (${typeName(value)}) does not match any allowed primitive type (allowed: ${list(allowed)})`;
    }
    case 'minLength':
      return `string ${quote(value)} is too short (length: ${String(value).length}, required minimum: ${limit})`;
    case 'maxLength':
      return `string ${quote(value)} is too long (length: ${String(value).length}, maximum allowed: ${limit})`;
    case 'pattern':
      return `ECMA 262 regex ${quote(params.pattern)} does not match input string ${quote(value)}`;
    case 'format':
      return `string ${quote(value)} is invalid against requested format ${quote(params.format)}`;
    case 'enum':
      return `instance value (${quote(value)}) not found in enum (possible values: ${list(
        Array.isArray(params.allowedValues) ? params.allowedValues : [],
      )})`;
    case 'minimum':
      return params.comparison === '>'
        ? `numeric instance is not strictly greater than the required minimum ${limit}`
        : `numeric instance is lower than the required minimum (minimum: ${limit}, found: ${String(value)})`;
    case 'maximum':
      return params.comparison === '<'
        ? `numeric instance is not strictly lower than the required maximum ${limit}`
        : `numeric instance is greater than the required maximum (maximum: ${limit}, found: ${String(value)})`;
    case 'multipleOf':
      return `remainder of division is not zero (${String(value)} / ${params.multipleOf})`;
    case 'minItems':
      return `array is too short: must have at least ${limit} elements but instance has ${(value as unknown[]).length} elements`;
    case 'maxItems':
      return `array is too long: must have at most ${limit} elements but instance has ${(value as unknown[]).length} elements`;
    case 'uniqueItems':
      return 'array must not contain duplicate elements';
    case 'minProperties':
      return `object has too few properties (found ${Object.keys(value as object).length} but schema requires at least ${limit})`;
    case 'maxProperties':
      return `object has too many properties (found ${Object.keys(value as object).length} but schema requires at most ${limit})`;
    case 'anyOf':
      return 'instance failed to match at least one required schema among the alternatives';
    case 'oneOf':
      return 'instance failed to match exactly one schema';
    case 'not':
      return 'instance matched a schema which it should not have';
    case 'dependencies':
      return `property ${quote(params.property)} of object has missing property dependencies (missing: ${list([params.missingProperty])})`;
    default:
      return error.message ?? `instance fails "${error.keyword}"`;
  }
}

/**
 * One message per failed keyword and instance; `required` and `additionalProperties` errors on the same
 * object are grouped, as the Java validator reports them. Errors inside `anyOf`/`oneOf`/`not` branches are
 * left out (the combinator's own error stands for them).
 */
export function validationMessages(errors: readonly ErrorObject[], data: unknown): string[] {
  const grouped = new Map<string, { keyword: string; names: string[] }>();
  const messages: Array<string | { group: string }> = [];
  for (const error of errors) {
    if (/\/(anyOf|oneOf|not)\/./.test(error.schemaPath)) continue;
    const params = error.params as Record<string, unknown>;
    const name =
      error.keyword === 'required'
        ? params.missingProperty
        : error.keyword === 'additionalProperties'
          ? params.additionalProperty
          : undefined;
    if (typeof name === 'string') {
      const key = `${error.keyword} ${error.instancePath}`;
      const group = grouped.get(key);
      if (group) group.names.push(name);
      else {
        grouped.set(key, { keyword: error.keyword, names: [name] });
        messages.push({ group: key });
      }
      continue;
    }
    messages.push(message(error, data));
  }
  return messages.map((entry) => {
    if (typeof entry === 'string') return entry;
    const group = grouped.get(entry.group) as { keyword: string; names: string[] };
    const names = list([...group.names].sort());
    return group.keyword === 'required'
      ? `object has missing required properties (${names})`
      : `object instance has properties which are not allowed by the schema: ${names}`;
  });
}
