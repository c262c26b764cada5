import type { Trace } from '../../shared/outbox/outbox';
import { labelRequestId } from '../domain/label';
import type { CarrierChannel } from '../ports/carrier-channel';
import type { LabelStore } from '../ports/label-store';

export interface LabelRequestDeps {
  readonly shipments: LabelStore;
  readonly carrier: CarrierChannel;
  /** The URL of shipping's reply queue: the request's `replyTo`. */
  readonly replyTo: string;
  readonly deadlineSeconds: number;
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
 * is recorded first (ShipmentLabelRequested published with it), then its deadline set, then the request
 * sent. A repeat (the same event delivered again, or this one retried after a failed send) finds the
 * request pending and sends the same request again, so nothing is lost between the record and the sends;
 * the carrier answers the same id with the same label and a second answer changes nothing. A cancelled,
 * unavailable or unknown shipment, or one booked before shipments kept their address, gets no label.
 */
export async function requestLabel(
  deps: LabelRequestDeps,
  orderId: string,
  trace: Trace,
): Promise<LabelRequestOutcome> {
  const { correlationId } = trace;
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
  const { label, address, shipmentId } = shipment ?? {};
  if (label === undefined || !address || !shipmentId) return 'no shipment to label';
  if (label.status !== 'REQUESTED') return `already ${label.status}`;
  // The deadline first: once it is set, the request cannot be left pending, whatever becomes of the send.
  await deps.carrier.setDeadline({ requestId: label.requestId }, deps.deadlineSeconds, correlationId);
  // Cancelled since the request was recorded: nothing to send, and the deadline ends the request.
  if (shipment?.status !== 'SCHEDULED') return 'no shipment to label';
  await deps.carrier.requestLabel(
    { correlationId: label.requestId, replyTo: deps.replyTo, shipmentId, recipient: address },
    correlationId,
  );
  return 'requested';
}
