import type { ApiResourceNode, MethodModel } from './rest-api-model';

export interface RouteMatch {
  readonly resource: ApiResourceNode;
  readonly method: MethodModel;
  /** Raw (still percent-encoded) path segments by parameter name, as API Gateway passes them. */
  readonly pathParameters: Readonly<Record<string, string>>;
}

export interface ResourceMatch {
  readonly resource: ApiResourceNode;
  readonly pathParameters: Readonly<Record<string, string>>;
}

const GREEDY = /^\{(.+)\+\}$/;
const PARAMETER = /^\{(.+)\}$/;

/** Order in which siblings are tried: literal path parts first, then `{param}`, then `{proxy+}`. */
function rank(node: ApiResourceNode): number {
  if (GREEDY.test(node.pathPart)) return 2;
  if (PARAMETER.test(node.pathPart)) return 1;
  return 0;
}

/**
 * The resource a path (without the stage) resolves to. API Gateway ignores empty segments and a trailing
 * slash when routing (`/orders/` is `/orders`), prefers a literal path part over `{param}` over `{proxy+}`,
 * and backtracks when a more specific branch cannot match the rest of the path.
 */
export function matchResource(root: ApiResourceNode, path: string): ResourceMatch | undefined {
  const segments = path.split('/').filter((segment) => segment !== '');
  return descend(root, segments, 0, {});
}

function descend(
  node: ApiResourceNode,
  segments: readonly string[],
  index: number,
  params: Record<string, string>,
): ResourceMatch | undefined {
  if (index === segments.length) return { resource: node, pathParameters: params };
  const segment = segments[index] as string;
  const children = [...node.children].sort((a, b) => rank(a) - rank(b));
  for (const child of children) {
    const greedy = GREEDY.exec(child.pathPart)?.[1];
    if (greedy !== undefined) {
      return { resource: child, pathParameters: { ...params, [greedy]: segments.slice(index).join('/') } };
    }
    const name = PARAMETER.exec(child.pathPart)?.[1];
    if (name !== undefined) {
      const found = descend(child, segments, index + 1, { ...params, [name]: segment });
      if (found) return found;
      continue;
    }
    if (child.pathPart === segment) {
      const found = descend(child, segments, index + 1, params);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * The method serving `httpMethod` on `path`: the matched resource's own method, else its `ANY` method.
 * Undefined (API Gateway's "Missing Authentication Token") when the path or the method is unknown.
 */
export function route(root: ApiResourceNode, path: string, httpMethod: string): RouteMatch | undefined {
  const match = matchResource(root, path);
  if (!match) return undefined;
  const method = match.resource.methods.get(httpMethod.toUpperCase()) ?? match.resource.methods.get('ANY');
  return method ? { ...match, method } : undefined;
}
