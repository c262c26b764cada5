import type { AccessFacts } from '../apigateway/access-log';
import type { TraceInput } from '../console/trace-record';

/**
 * An API's access line on the timeline: printed as `--trace` always printed it (`api      <name>: ...`),
 * recorded as a `request` with its method, path, status, latency and correlation id, so that a request
 * shows in its correlation group as itself, not only through the invocations it caused. A line without
 * facts (a request Node could not parse) stays a plain `api` line.
 */
export function requestInput(apiName: string, line: string, facts: AccessFacts | undefined): TraceInput {
  const printed = `api      ${apiName}: ${line}`;
  if (!facts) return { kind: 'api', api: apiName, line: printed };
  const { latencyMs, ...request } = facts;
  return { kind: 'request', api: apiName, line: printed, ...request, durationMs: latencyMs };
}

/** The gateway's execution log (why a request failed): an `api` record of that API. */
export function executionLogInput(apiName: string, line: string): TraceInput {
  return { kind: 'api', api: apiName, line: `api      ${apiName}: ${line}` };
}
