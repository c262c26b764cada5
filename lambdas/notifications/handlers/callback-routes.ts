import { ORDER_ID } from '../../orders/contract';
import { httpHandler, type ProxyHandler } from '../../shared/http/http-handler';
import { pathIdOrNotFound } from '../../shared/http/path-id';
import type { CallbackRegistry } from '../ports/callback-registry';
import { callbackHistory, replayCallback } from '../use-cases/callback-history';
import type { DeliveryDeps } from '../use-cases/deliver-callback';

const orderIdOrNotFound = (raw: string | undefined) =>
  pathIdOrNotFound(raw, ORDER_ID, (orderId) => `Order ${orderId} does not exist.`);

/** `GET /orders/{orderId}/callbacks`: the order's delivery attempts, oldest first. */
export function listCallbacksHandler(registry: CallbackRegistry): ProxyHandler {
  return httpHandler(async (request) => {
    const orderId = orderIdOrNotFound(request.pathParameter('orderId'));
    return { status: 200, body: await callbackHistory(registry, orderId) };
  });
}

/** `POST /orders/{orderId}/callbacks/replay` (non-production): one more attempt now, and what came of it. */
export function replayCallbackHandler(deps: DeliveryDeps): ProxyHandler {
  return httpHandler(async (request) => {
    const orderId = orderIdOrNotFound(request.pathParameter('orderId'));
    return { status: 200, body: await replayCallback(deps, orderId) };
  });
}
