import { substituteVariables, type VariableSource } from './template-variables';

/**
 * The format used when a stage has no AccessLogSetting (API Gateway would log nothing; the local cloud
 * still gives the trace one line per request): the CLF preset of the API Gateway console.
 */
export const DEFAULT_ACCESS_LOG_FORMAT =
  '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] ' +
  '"$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength ' +
  '$context.requestId';

/** Escapes a value for the inside of a JSON string literal. */
function jsonEscape(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

/**
 * One access log line, for REST and HTTP APIs alike: `$context` substitution, `-` for values the request does not have (as API
 * Gateway writes them). In a JSON format, values are JSON-escaped so the line stays parseable.
 */
export function formatAccessLog(
  format: string | undefined,
  context: VariableSource,
  defaultFormat = DEFAULT_ACCESS_LOG_FORMAT,
): string {
  const template = format ?? defaultFormat;
  const isJson = template.trimStart().startsWith('{');
  return substituteVariables(template, context, '-', isJson ? jsonEscape : undefined);
}

/**
 * What the local cloud's timeline keeps of a request beside its access line, REST and HTTP APIs alike:
 * the line's format is the stage's to choose, so the console never parses it back.
 */
export interface AccessFacts {
  readonly method: string;
  /** As the client sent it, the stage included (`/v1/orders`), without the query. */
  readonly path: string;
  readonly status: number;
  readonly latencyMs: number;
  /** See `requestCorrelationId`: the function's answer, else the request's header. */
  readonly correlationId?: string;
}
