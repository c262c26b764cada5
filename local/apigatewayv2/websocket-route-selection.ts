/**
 * Which route a WebSocket message takes, as "Route selection expressions" describes it: the API's
 * `RouteSelectionExpression` (`$request.body.action`, `${request.body.a.b}`, several variables in one
 * expression) is evaluated against the message's JSON body; the route whose key equals the result
 * exactly takes it. A message that is not JSON, or whose expression cannot be evaluated (a missing
 * property), or whose result names no route, takes `$default`; without `$default` there is no route
 * (the caller answers `Forbidden`). Objects and arrays are stringified as JSON, other values as text.
 */
export function selectRouteKey(
  expression: string | undefined,
  message: string | undefined,
  routeKeys: ReadonlySet<string>,
): string | undefined {
  const fallback = routeKeys.has('$default') ? '$default' : undefined;
  if (expression === undefined || message === undefined) return fallback;
  let body: unknown;
  try {
    body = JSON.parse(message);
  } catch {
    return fallback;
  }
  let unresolved = false;
  const key = expression.replace(VARIABLE, (_match, braced?: string, bare?: string) => {
    const value = valueAt(body, (braced ?? bare ?? '').replace(/^request\.body/, ''));
    if (value === undefined || value === null) {
      unresolved = true;
      return '';
    }
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  });
  if (unresolved) return fallback;
  // `\$default` in an expression is the literal key, not a variable.
  const literal = key.replace(/\\\$/g, '$');
  return routeKeys.has(literal) && literal !== '$connect' && literal !== '$disconnect' ? literal : fallback;
}

/** `${request.body.x}` or `$request.body.x` (a JSONPath after `body`: `.a.b`, `['a']`, `[0]`). */
const VARIABLE =
  /(?<!\\)\$\{(request\.body[^}]*)\}|(?<!\\)\$(request\.body(?:\.[A-Za-z0-9_-]+|\[[^\]]*\])*)/g;

/** The value at a JSONPath suffix (`.a.b`, `['a'][0]`) of `root`; undefined where there is none. */
function valueAt(root: unknown, path: string): unknown {
  const steps = [...path.matchAll(/\.([^.[\]]+)|\[\s*(?:'([^']*)'|"([^"]*)"|(\d+))\s*\]/g)].map(
    (m) => m[1] ?? m[2] ?? m[3] ?? Number(m[4]),
  );
  let value: unknown = root;
  for (const step of steps) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[step];
  }
  return value;
}
