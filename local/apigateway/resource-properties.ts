/**
 * Typed reads of resolved CloudFormation properties. The resolver hands us `unknown` JSON; these helpers
 * turn it into the few shapes the API Gateway resources use, without `any` and without trusting the input.
 */
export type Properties = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringProp(props: Properties, key: string): string | undefined {
  const value = props[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** CloudFormation accepts `true` and `"true"` alike for booleans. */
export function booleanProp(props: Properties, key: string): boolean | undefined {
  const value = props[key];
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

/** CloudFormation accepts `5` and `"5"` alike for numbers. */
export function numberProp(props: Properties, key: string): number | undefined {
  const value = props[key];
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

export function recordProp(props: Properties, key: string): Properties {
  const value = props[key];
  return isRecord(value) ? value : {};
}

export function recordsProp(props: Properties, key: string): Properties[] {
  const value = props[key];
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

export function stringsProp(props: Properties, key: string): string[] {
  const value = props[key];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** A `{ key: string }` map (templates, header mappings); non-string values are dropped. */
export function stringMapProp(props: Properties, key: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(recordProp(props, key))) {
    if (typeof value === 'string') out[name] = value;
  }
  return out;
}

/** A `{ key: boolean }` map (method request parameters). */
export function booleanMapProp(props: Properties, key: string): Record<string, boolean> {
  const source = recordProp(props, key);
  const out: Record<string, boolean> = {};
  for (const name of Object.keys(source)) out[name] = booleanProp(source, name) ?? false;
  return out;
}
