import { ORDER_ID } from '../../orders/contract';
import { httpHandler, type ProxyHandler } from '../../shared/http/http-handler';
import { pathIdOrNotFound } from '../../shared/http/path-id';
import { shipmentView } from '../domain/shipment-view';
import { askLabelAgain } from '../use-cases/ask-label-again';
import type { LabelRequestDeps } from '../use-cases/request-label';

/**
 * `POST /shipments/{orderId}/label` (internal API, for operators): the carrier asked again for a label that
 * failed. 202 with the shipment's view (its label `REQUESTED`: the answer comes later); the use case's
 * refusals are problems (404 without a shipment, 409 when the label is not FAILED).
 */
export function labelRetryRoute(deps: LabelRequestDeps): ProxyHandler {
  return httpHandler(async (request) => {
    const orderId = pathIdOrNotFound(
      request.pathParameter('orderId'),
      ORDER_ID,
      (id) => `Order ${id} has no shipment.`,
    );
    return { status: 202, body: shipmentView(await askLabelAgain(deps, orderId)) };
  });
}
