import type { RouteModel } from './http-api-model';

/** A route key parsed: its method (`ANY` for any) and path segments, or the `$default` catch-all. */
interface ParsedRoute {
  readonly route: RouteModel;
  readonly method: string;
  readonly segments: readonly string[];
  readonly isDefault: boolean;
}

export interface RouteMatch {
  readonly route: RouteModel;
  /** `{name}` and `{name+}` values, decoded; empty when the route has none. */
  readonly pathParameters: Readonly<Record<string, string>>;
}

/**
 * HTTP API routing as AWS documents it: the most specific route wins. A method of its own beats `ANY`;
 * literal segments beat `{variables}`, which beat a greedy `{proxy+}`; `$default` takes what nothing
 * else does. Paths are matched segment by segment on the decoded path.
 */
export class RouteTable {
  private readonly routes: ParsedRoute[];

  constructor(routes: readonly RouteModel[]) {
    this.routes = routes.map((route) => {
      if (route.key === '$default') return { route, method: 'ANY', segments: [], isDefault: true };
      const [method = 'ANY', path = '/'] = route.key.split(' ');
      return { route, method: method.toUpperCase(), segments: splitPath(path), isDefault: false };
    });
  }

  match(method: string, path: string): RouteMatch | undefined {
    const segments = splitPath(path);
    let best: { score: number; match: RouteMatch } | undefined;
    for (const candidate of this.routes) {
      if (candidate.isDefault) continue;
      if (candidate.method !== 'ANY' && candidate.method !== method) continue;
      const parameters = matchSegments(candidate.segments, segments);
      if (!parameters) continue;
      const score = specificity(candidate);
      if (!best || score > best.score)
        best = { score, match: { route: candidate.route, pathParameters: parameters } };
    }
    if (best) return best.match;
    const fallback = this.routes.find((candidate) => candidate.isDefault);
    return fallback ? { route: fallback.route, pathParameters: {} } : undefined;
  }
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

const isVariable = (segment: string) => segment.startsWith('{') && segment.endsWith('}');
const isGreedy = (segment: string) => segment.startsWith('{') && segment.endsWith('+}');

/** Literal segments count most, variables some, greedy least; a method of its own breaks ties with ANY. */
function specificity({ segments, method }: ParsedRoute): number {
  let score = 0;
  for (const segment of segments) score += isGreedy(segment) ? 1 : isVariable(segment) ? 10 : 100;
  return score * 2 + (segments.some(isGreedy) ? 0 : 1_000_000) + (method === 'ANY' ? 0 : 1);
}

function matchSegments(
  pattern: readonly string[],
  actual: readonly string[],
): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  for (const [index, segment] of pattern.entries()) {
    if (isGreedy(segment)) {
      const rest = actual.slice(index);
      if (rest.length === 0) return undefined;
      parameters[segment.slice(1, -2)] = rest.map(decode).join('/');
      return parameters;
    }
    const value = actual[index];
    if (value === undefined) return undefined;
    if (isVariable(segment)) parameters[segment.slice(1, -1)] = decode(value);
    else if (segment !== decode(value)) return undefined;
  }
  return pattern.length === actual.length ? parameters : undefined;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
