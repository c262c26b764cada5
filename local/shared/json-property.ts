/**
 * A template property that takes JSON as an object or as its text (a policy, a filter policy): the object
 * either way; undefined for text that is not JSON.
 */
export function parseJsonish(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}
