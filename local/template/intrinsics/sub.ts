/**
 * `Fn::Sub` template strings: `${Name}` is a Ref, `${Resource.Attribute}` a GetAtt, `${!Literal}` the text
 * `${Literal}`. Parsed once here so the evaluator and the dependency scan agree on what a string references.
 */
export type SubPart = { readonly literal: string } | { readonly variable: string };

const PLACEHOLDER = /\$\{([^}]*)\}/g;

export function parseSub(template: string): SubPart[] {
  const parts: SubPart[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const body = match[1] ?? '';
    if (match.index > last) parts.push({ literal: template.slice(last, match.index) });
    parts.push(body.startsWith('!') ? { literal: `\${${body.slice(1)}}` } : { variable: body.trim() });
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push({ literal: template.slice(last) });
  return parts;
}

/** Splits `Resource.Attribute` (the attribute may itself contain dots, e.g. `Endpoint.Address`). */
export function splitAttributeReference(
  reference: string,
): { logicalId: string; attribute: string } | undefined {
  const dot = reference.indexOf('.');
  if (dot <= 0) return undefined;
  return { logicalId: reference.slice(0, dot), attribute: reference.slice(dot + 1) };
}
