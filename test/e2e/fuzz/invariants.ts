import type { RawResponse } from './raw-http';

/**
 * The invariants every answer of the public API keeps, whatever it was sent (issue 11, item 5). Pure, so
 * the suite can show each one failing on a deliberately broken answer before trusting it on real ones.
 *
 * `markers` are the generated strings the request carried. Each holds a `"` between other characters, so
 * a JSON-escaped echo (`fz<\"..`) never contains it: only raw, unescaped reflection does.
 */
export function violations(method: string, response: RawResponse, markers: readonly string[]): string[] {
  const found: string[] = [];
  const { status, headers, body } = response;
  if (status === 0) return ['no HTTP answer (connection closed without a status line)'];
  if (status >= 500) found.push(`status ${status} (a server error)`);

  for (const marker of markers) {
    if (body.includes(marker)) found.push(`the body reflects ${JSON.stringify(marker)} unescaped`);
    for (const [name, value] of Object.entries(headers)) {
      if (value.includes(marker)) found.push(`header ${name} reflects ${JSON.stringify(marker)}`);
    }
  }

  // HEAD has no body by definition, a 204 (the CORS preflight) none by contract.
  if (method === 'HEAD' || status === 204) return found;
  const contentType = headers['content-type'] ?? '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    found.push(`the body is not JSON: ${JSON.stringify(body.slice(0, 200))}`);
    return found;
  }
  if (status >= 400) {
    if (!/^application\/problem\+json/.test(contentType))
      found.push(`content-type ${contentType} on ${status}`);
    const problem = parsed as { status?: unknown; title?: unknown } | null;
    if (typeof problem !== 'object' || problem === null || problem.status !== status) {
      found.push(`problem status ${JSON.stringify(problem?.status)} differs from the HTTP status ${status}`);
    }
    if (typeof problem?.title !== 'string') found.push('the problem has no title');
  } else if (!/^application\/json/.test(contentType)) {
    found.push(`content-type ${contentType} on ${status}`);
  }
  return found;
}
