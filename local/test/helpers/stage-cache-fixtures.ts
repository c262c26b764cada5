import type { ProxyEvent } from '../../apigateway/proxy-event';
import type { CacheOutcome } from '../../apigateway/response-caching';
import type { RestApiModel } from '../../apigateway/rest-api-model';
import type { RestApiServerOptions } from '../../apigateway/rest-api-server';
import { fakeLambda, functionArn, invocationUri, manualClock, type Servers } from './apigateway-fixtures';

/** A stage with a cache cluster that caches every GET for a minute. */
export const CACHED_STAGE = {
  CacheClusterEnabled: true,
  MethodSettings: [{ HttpMethod: '*', ResourcePath: '/*', CachingEnabled: true, CacheTtlInSeconds: 60 }],
};

/** The properties of a Lambda proxy method keyed by `parameters`, each declared as a request parameter. */
export function cachedBy(fn: string, parameters: readonly string[]): Record<string, unknown> {
  return {
    RequestParameters: Object.fromEntries(parameters.map((parameter) => [parameter, false])),
    Integration: {
      Type: 'AWS_PROXY',
      IntegrationHttpMethod: 'POST',
      Uri: invocationUri(functionArn(fn)),
      CacheKeyParameters: parameters,
    },
  };
}

/** A function's answer to its `call`-th invocation (1 for the first). */
export type NumberedHandler = (event: ProxyEvent, call: number) => unknown;

/** Answers 200 with the path's sku and the call's number, so a stored answer is told from a fresh one. */
const numbered: NumberedHandler = (event, call) => ({
  statusCode: 200,
  headers: { 'Content-Type': 'application/json', 'X-Sku': event.pathParameters?.sku ?? '-' },
  body: JSON.stringify({ sku: event.pathParameters?.sku, call }),
});

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

/**
 * Serves `api` with a function counting its calls, a manual clock starting now (SigV4 signatures are
 * checked against it) and what the stage cache did for each request, in order.
 */
export async function startCachedApi(
  servers: Servers,
  api: RestApiModel,
  options: Partial<RestApiServerOptions> & { readonly handler?: NumberedHandler } = {},
) {
  const clock = manualClock(Date.now());
  const outcomes: Array<CacheOutcome | undefined> = [];
  const { handler = numbered, ...serverOptions } = options;
  const lambda = fakeLambda((event) => handler(event as ProxyEvent, lambda.calls.length));
  const url = await servers.start(api, {
    lambda,
    now: clock.now,
    region: 'us-east-1',
    onAccessLog: (_line, cache) => outcomes.push(cache),
    ...serverOptions,
  });
  const call = async (path: string, init: RequestInit = {}, send: typeof fetch = fetch): Promise<Answer> => {
    const response = await send(`${url}/v1${path}`, init);
    return { status: response.status, headers: response.headers, body: await response.text() };
  };
  return { clock, lambda, url, call, outcomes };
}
