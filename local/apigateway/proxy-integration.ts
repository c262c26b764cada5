import type { InvokeOptions, InvokeResult, LambdaService } from '../lambda/types';
import { GatewayError } from './gateway-error';
import type { HttpResult } from './http-result';
import { invokeWithin, TIMED_OUT } from './invoke-within';
import type { ProxyEvent } from './proxy-event';
import { parseProxyResult } from './proxy-response';

/** API Gateway's maximum (and default) integration timeout for REST APIs. */
export const DEFAULT_INTEGRATION_TIMEOUT_MS = 29_000;

export interface ProxyOutcome {
  readonly result: HttpResult;
  /** What the integration answered with (`$context.integration.status`): the Lambda invoke status. */
  readonly integrationStatus: number;
}

/**
 * Calls the function of an AWS_PROXY integration and maps its result. A function error or a malformed
 * result is a 502 (`{"message": "Internal server error"}`). When Lambda does not run the function at all
 * (throttled at its concurrency limit, unknown function) it is an INTEGRATION_FAILURE answered with 500,
 * as API Gateway maps Lambda's 429. No answer within the timeout is an INTEGRATION_TIMEOUT 504; the
 * function keeps running regardless, as it does on AWS.
 */
export async function invokeProxy(
  lambda: LambdaService,
  functionArn: string,
  event: ProxyEvent,
  timeoutMs: number,
  log: (message: string) => void,
  /** The request's trace header, which the function continues. */
  options: InvokeOptions = {},
): Promise<ProxyOutcome> {
  let outcome: InvokeResult | typeof TIMED_OUT;
  try {
    outcome = await invokeWithin(lambda, functionArn, event, timeoutMs, options);
  } catch (error) {
    log(
      `Execution failed due to configuration error: ${error instanceof Error ? error.message : String(error)}`,
    );
    throw new GatewayError('API_CONFIGURATION_ERROR', 'Internal server error');
  }
  if (outcome === TIMED_OUT) {
    log(`Execution failed due to a timeout error after ${timeoutMs} ms`);
    throw new GatewayError('INTEGRATION_TIMEOUT', 'Endpoint request timed out');
  }
  if (!outcome.ok && outcome.functionError === 'Throttled') {
    log(`Execution failed due to limit exceeded: ${outcome.payload.errorMessage}`);
    throw new GatewayError('INTEGRATION_FAILURE', 'Internal server error', { statusCode: 500 });
  }
  if (!outcome.ok) {
    log(
      `Lambda execution failed with status 200 due to customer function error: ${outcome.payload.errorMessage}`,
    );
    throw new GatewayError('DEFAULT_5XX', 'Internal server error', { statusCode: 502 });
  }
  const parsed = parseProxyResult(outcome.payload);
  if (!parsed.ok) {
    log(`Execution failed due to configuration error: Malformed Lambda proxy response (${parsed.reason})`);
    throw new GatewayError('DEFAULT_5XX', 'Internal server error', { statusCode: 502 });
  }
  return { result: parsed, integrationStatus: 200 };
}
