import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { httpHandler, type ProxyHandler } from '../../shared/http/http-handler';
import { idempotencyKeyOf } from '../../shared/http/idempotency-key';
import { parseJsonBody } from '../../shared/http/json-body';
import { idempotentCommand } from '../../shared/idempotency';
import { type PlaceOrderRequest, placeOrderRequestSchema } from '../contract';
import { type PlaceOrderDeps, type PlaceOrderResult, placeOrder } from '../use-cases/place-order';

export { IDEMPOTENCY_KEY_HEADER } from '../../shared/http/idempotency-key';
export const PLACE_ORDER_KEY_PREFIX = 'orders.place-order';

export interface PlaceOrderHandlerDeps extends PlaceOrderDeps {
  readonly idempotency: { readonly client: DynamoDBClient; readonly tableName: string };
}

/** `POST /orders`: validate, place the order at most once per key, answer 202 with where to poll. */
export function placeOrderHandler(deps: PlaceOrderHandlerDeps): ProxyHandler {
  const placeOrderOnce = idempotentCommand<PlaceOrderRequest, PlaceOrderResult>(
    ({ idempotencyKey, payload, correlationId }) =>
      placeOrder(deps, payload, { correlationId, causationId: `idempotency-key:${idempotencyKey}` }),
    { ...deps.idempotency, keyPrefix: PLACE_ORDER_KEY_PREFIX },
  );

  return httpHandler(async (request, context) => {
    const idempotencyKey = idempotencyKeyOf(request, 'order');
    const payload = parseJsonBody(request.body, request.isBase64Encoded, placeOrderRequestSchema);
    const result = await placeOrderOnce.run(
      { idempotencyKey, payload, correlationId: request.correlationId },
      context,
    );
    return { status: 202, body: result, headers: { Location: `/orders/${result.orderId}` } };
  });
}
