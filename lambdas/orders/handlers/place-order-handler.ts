import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InvalidRequestError } from '../../shared/errors';
import {
  type CallbackUrlPolicy,
  CallbackUrlRefused,
  checkCallbackUrl,
  type ResolveHost,
} from '../../shared/http/callback-url-guard';
import { httpHandler, type ProxyHandler } from '../../shared/http/http-handler';
import { idempotencyKeyOf } from '../../shared/http/idempotency-key';
import { parseJsonBody } from '../../shared/http/json-body';
import { idempotentCommand } from '../../shared/idempotency';
import { callbackSecretFor, type PlaceOrderRequest, placeOrderRequestSchema } from '../contract';
import { type PlaceOrderDeps, type PlaceOrderResult, placeOrder } from '../use-cases/place-order';

export { IDEMPOTENCY_KEY_HEADER } from '../../shared/http/idempotency-key';
export const PLACE_ORDER_KEY_PREFIX = 'orders.place-order';

export interface PlaceOrderHandlerDeps extends PlaceOrderDeps {
  readonly idempotency: { readonly client: DynamoDBClient; readonly tableName: string };
  readonly callbacks: {
    readonly policy: CallbackUrlPolicy;
    readonly resolve?: ResolveHost;
    /** The stage's callback signing key, from which each order's secret is derived. */
    readonly signingKey: () => Promise<string>;
  };
}

/**
 * `POST /orders`: validate, place the order at most once per key, answer 202 with where to poll. An order
 * with a `callbackUrl` also gets its `callbackSecret`, derived from its id (the same on every replay), and
 * its URL is checked against the stage's SSRF policy first: a refused URL places nothing.
 */
export function placeOrderHandler(deps: PlaceOrderHandlerDeps): ProxyHandler {
  const placeOrderOnce = idempotentCommand<PlaceOrderRequest, PlaceOrderResult>(
    ({ idempotencyKey, payload, correlationId }) =>
      placeOrder(deps, payload, { correlationId, causationId: `idempotency-key:${idempotencyKey}` }),
    { ...deps.idempotency, keyPrefix: PLACE_ORDER_KEY_PREFIX },
  );

  return httpHandler(async (request, context) => {
    const idempotencyKey = idempotencyKeyOf(request, 'order');
    const payload = parseJsonBody(request.body, request.isBase64Encoded, placeOrderRequestSchema);
    if (payload.callbackUrl !== undefined) await acceptCallbackUrl(payload.callbackUrl, deps.callbacks);
    const result = await placeOrderOnce.run(
      { idempotencyKey, payload, correlationId: request.correlationId },
      context,
    );
    // Derived after the idempotent run, so that the idempotency record never holds the secret.
    const body =
      payload.callbackUrl === undefined
        ? result
        : { ...result, callbackSecret: callbackSecretFor(await deps.callbacks.signingKey(), result.orderId) };
    return { status: 202, body, headers: { Location: `/orders/${result.orderId}` } };
  });
}

async function acceptCallbackUrl(url: string, callbacks: PlaceOrderHandlerDeps['callbacks']): Promise<void> {
  try {
    await checkCallbackUrl(url, callbacks.policy, callbacks.resolve);
  } catch (error) {
    if (error instanceof CallbackUrlRefused)
      throw new InvalidRequestError('The callbackUrl is refused.', [
        { path: 'callbackUrl', message: error.message },
      ]);
    throw error;
  }
}
