/** One step of a path: an object key or an array index. */
type Step = string | number;

export type PathResult = { readonly found: true; readonly value: unknown } | { readonly found: false };

/**
 * Parses the JSONPath subset EventBridge documents for InputPath and InputPathsMap: `$`, dot notation
 * (`$.detail.order-id`, keys with dashes, underscores, slashes), array indices (`$.resources[0]`) and
 * bracketed keys (`$['detail']`). Wildcards and filters are not supported: undefined.
 */
export function parseJsonPath(path: string): readonly Step[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const steps: Step[] = [];
  const token = /\.([^.[\]*]+)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/y;
  let at = 1;
  while (at < path.length) {
    token.lastIndex = at;
    const match = token.exec(path);
    if (!match) return undefined;
    const [, dotted, index, single, double] = match;
    steps.push(index !== undefined ? Number(index) : (dotted ?? single ?? double ?? ''));
    at = token.lastIndex;
  }
  return steps;
}

/** The value at `path` in `root`; `found: false` when a step is missing or the path is not supported. */
export function readJsonPath(root: unknown, path: string): PathResult {
  const steps = parseJsonPath(path);
  if (steps === undefined) return { found: false };
  let current: unknown = root;
  for (const step of steps) {
    if (typeof step === 'number' ? !Array.isArray(current) : !isObject(current)) return { found: false };
    const container = current as Record<string | number, unknown>;
    if (!Object.hasOwn(container, step)) return { found: false };
    current = container[step];
  }
  return { found: true, value: current };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
