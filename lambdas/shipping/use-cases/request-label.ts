import type { Trace } from '../../shared/outbox/outbox';
import { labelRequestId } from '../domain/label';
import type { LabelStore } from '../ports/label-store';
import { type LabelSendDeps, sendLabelRequest } from './send-label-request';

export interface LabelRequestDeps extends LabelSendDeps {
  readonly shipments: LabelStore;
  readonly newId: () => string;
  readonly now: () => Date;
}

export type LabelRequestOutcome =
  | 'requested'
  | 'no shipment to label'
  | 'already LABELLED'
  | 'already FAILED';

/**
 * Asks the carrier for the label of a confirmed order's shipment, once: the pending request (a fresh id)
 * is recorded first (ShipmentLabelRequested published with it), then sent (`sendLabelRequest`: its deadline
 * first). A repeat (the same event delivered again, or this one retried after a failed send) finds the
 * request pending and sends the same request again, so nothing is lost between the record and the sends;
 * the carrier answers the same id with the same label and a second answer changes nothing. A cancelled,
 * unavailable or unknown shipment, or one booked before shipments kept their address, gets no label.
 */
export async function requestLabel(
  deps: LabelRequestDeps,
  orderId: string,
  trace: Trace,
): Promise<LabelRequestOutcome> {
  let shipment = await deps.shipments.get(orderId);
  if (shipment?.status === 'SCHEDULED' && shipment.address && shipment.label === undefined) {
    const requestId = labelRequestId(orderId, deps.newId());
    const requestedAt = deps.now().toISOString();
    shipment = await deps.shipments.requestLabel(orderId, {
      status: 'REQUESTED',
      requestId,
      requestedAt,
      trace,
    });
  }
  const label = shipment?.label;
  if (shipment === undefined || label === undefined || !shipment.address || !shipment.shipmentId) {
    return 'no shipment to label';
  }
  if (label.status !== 'REQUESTED') return `already ${label.status}`;
  return sendLabelRequest(deps, shipment, label);
}
