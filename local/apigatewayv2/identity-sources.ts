import type { EventContext, HttpApiRequest } from './http-api-events';

/**
 * An authorizer's identity sources read from the request, as HTTP APIs select them:
 * `$request.header.Name` (case-insensitive; a repeated header comma-joined), `$request.querystring.name`
 * (case-sensitive), `$stageVariables.name` and `$context.name`. Undefined where the request has none.
 */
export function identityValues(
  request: HttpApiRequest,
  sources: readonly string[],
  context: EventContext,
): Array<string | undefined> {
  const query = new URLSearchParams(request.rawQueryString);
  return sources.map((source) => {
    const header = /^\$request\.header\.(.+)$/i.exec(source)?.[1]?.toLowerCase();
    if (header) {
      const values = request.headers.filter(([name]) => name === header).map(([, value]) => value);
      return values.length > 0 ? values.join(',') : undefined;
    }
    const param = /^\$request\.querystring\.(.+)$/i.exec(source)?.[1];
    if (param) return query.getAll(param).join(',') || undefined;
    const stageVariable = /^\$stageVariables\.(.+)$/.exec(source)?.[1];
    if (stageVariable) return context.stageVariables[stageVariable];
    const variable = /^\$context\.(.+)$/.exec(source)?.[1];
    if (variable) return contextVariable(variable, request, context);
    return undefined;
  });
}

/** The `$context` variables an identity source may name that are known before the authorizer runs. */
function contextVariable(name: string, request: HttpApiRequest, context: EventContext): string | undefined {
  const values: Record<string, string> = {
    accountId: context.accountId,
    apiId: context.apiId,
    domainName: context.domainName,
    httpMethod: request.method,
    requestId: context.requestId,
    routeKey: context.routeKey,
    stage: context.stage,
    'identity.sourceIp': request.sourceIp,
  };
  return values[name];
}
