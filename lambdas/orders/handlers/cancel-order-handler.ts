import { httpHandler, type ProxyHandler } from '../../shared/http/http-handler';
import { parseJsonBody } from '../../shared/http/json-body';
import { cancelOrderRequestSchema } from '../contract';
import { orderIdOrNotFound } from '../schemas/order-id';
import { type CommandClock, commandContext } from '../use-cases/execute-command';
import type { OrderRepository } from '../use-cases/order-repository';
import { DEFAULT_CANCELLATION_REASON, requestCancellation } from '../use-cases/request-cancellation';

export interface CancelOrderDeps extends CommandClock {
  readonly orders: OrderRepository;
}

/**
 * `POST /orders/{orderId}/cancel` (body optional: `{ reason }`): 202 with the order's status while the
 * cancellation runs, the same 202 when asked again; 409 for a rejected order, 409 with Retry-After for a
 * pending one, 404 for an unknown one.
 */
export function cancelOrderHandler(deps: CancelOrderDeps): ProxyHandler {
  return httpHandler(async (request) => {
    const orderId = orderIdOrNotFound(request.pathParameter('orderId'));
    const { reason } =
      request.body === null || request.body === ''
        ? {}
        : parseJsonBody(request.body, request.isBase64Encoded, cancelOrderRequestSchema);
    const result = await requestCancellation(
      deps.orders,
      orderId,
      reason ?? DEFAULT_CANCELLATION_REASON,
      commandContext(deps, {
        correlationId: request.correlationId,
        causationId: `request:${request.correlationId}`,
      }),
    );
    return { status: 202, body: result, headers: { Location: `/orders/${orderId}` } };
  });
}
