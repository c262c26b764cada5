/** Whatever answers `$context.<name>` and `$stageVariables.<name>`: a REST request's InvocationContext, an HTTP API's. */
export interface VariableSource {
  readonly stageVariables: Readonly<Record<string, string>>;
  variable(name: string): string | undefined;
}

/**
 * `$context.x.y`, `$stageVariables.x`, with the `${...}` and quiet `$!` forms. A name is a dotted run of word
 * characters, so the full stop ending a sentence (`... $context.path.`) is not part of it.
 */
const VARIABLE =
  /\$!?(?:\{(context|stageVariables)\.(\w+(?:\.\w+)*)\}|(context|stageVariables)\.(\w+(?:\.\w+)*))/g;

/**
 * Simple variable substitution, which is all API Gateway does in gateway response templates and access
 * log formats (no VTL). `absent` replaces a variable that has no value for this request: API Gateway
 * writes `-` in access logs and nothing in gateway responses. `encode` post-processes each value.
 */
export function substituteVariables(
  template: string,
  context: VariableSource,
  absent: string,
  encode: (value: string) => string = (value) => value,
): string {
  return template.replace(
    VARIABLE,
    (_match, bracedRoot?: string, bracedName?: string, root?: string, name?: string) => {
      const source = bracedRoot ?? root;
      const key = bracedName ?? name ?? '';
      const value = source === 'stageVariables' ? context.stageVariables[key] : context.variable(key);
      return value === undefined ? absent : encode(value);
    },
  );
}
