import { invokeWithin, TIMED_OUT } from '../apigateway/invoke-within';
import type { LambdaService } from '../lambda/types';
import type { IntegrationModel } from './http-api-model';
import type { WebSocketEvent } from './websocket-events';

/** How a WebSocket route's Lambda proxy integration ended. */
export type Outcome =
  | { readonly kind: 'answered'; readonly payload: unknown; readonly ms: number }
  | { readonly kind: 'failed'; readonly error: string; readonly ms: number }
  | { readonly kind: 'timeout'; readonly ms: number };

/**
 * Invokes a route's function within the integration's timeout (the REST and HTTP APIs' `invokeWithin`:
 * the function runs on past it, as on AWS). Never rejects: a function Lambda cannot run has failed.
 */
export async function integrate(
  lambda: LambdaService,
  integration: IntegrationModel,
  event: WebSocketEvent,
  now: () => number,
): Promise<Outcome> {
  const started = now();
  try {
    const result = await invokeWithin(lambda, integration.functionArn, event, integration.timeoutMs);
    const ms = now() - started;
    if (result === TIMED_OUT) return { kind: 'timeout', ms };
    return result.ok
      ? { kind: 'answered', payload: result.payload, ms }
      : { kind: 'failed', error: `${result.functionError} ${result.payload.errorType}`, ms };
  } catch (error) {
    return {
      kind: 'failed',
      error: error instanceof Error ? error.message : String(error),
      ms: now() - started,
    };
  }
}

/** The status `$connect`'s integration gives the handshake: its `statusCode`, 502 when it failed. */
export function connectStatus(outcome: Outcome): number {
  if (outcome.kind === 'failed') return 502;
  if (outcome.kind === 'timeout') return 504;
  const { payload } = outcome;
  const status =
    payload !== null && typeof payload === 'object' && 'statusCode' in payload
      ? Number((payload as { statusCode: unknown }).statusCode)
      : 200;
  return Number.isInteger(status) && status >= 100 && status <= 599 ? status : 502;
}

/** What a route response sends back: the proxy answer's `body` (or a bare answer as JSON). */
export function routeResponseBody(payload: unknown): Buffer | undefined {
  if (payload === undefined || payload === null) return undefined;
  if (
    typeof payload === 'object' &&
    !Array.isArray(payload) &&
    ('statusCode' in payload || 'body' in payload)
  ) {
    const { body, isBase64Encoded } = payload as { body?: unknown; isBase64Encoded?: unknown };
    if (body === undefined || body === null || body === '') return undefined;
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text);
  }
  return Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload));
}

export function describe(outcome: Outcome): string {
  if (outcome.kind === 'failed') return `integration failed: ${outcome.error} in ${outcome.ms} ms`;
  if (outcome.kind === 'timeout') return `integration timed out after ${outcome.ms} ms`;
  return `integration ok in ${outcome.ms} ms`;
}

/**
 * The subprotocol `$connect`'s answer accepts: its `Sec-WebSocket-Protocol` header. API Gateway names
 * none the function did not return, so a client that asked for one fails the handshake without it.
 */
export function acceptedSubprotocol(outcome: Outcome): string | undefined {
  if (outcome.kind !== 'answered' || outcome.payload === null || typeof outcome.payload !== 'object')
    return undefined;
  const { headers } = outcome.payload as { headers?: unknown };
  if (headers === null || typeof headers !== 'object') return undefined;
  const found = Object.entries(headers).find(([name]) => name.toLowerCase() === 'sec-websocket-protocol');
  return found === undefined ? undefined : String(found[1]);
}
