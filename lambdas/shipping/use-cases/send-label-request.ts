import { attemptOf, type PendingLabel } from '../domain/label';
import type { Shipment } from '../domain/shipment';
import type { CarrierChannel } from '../ports/carrier-channel';

export interface LabelSendDeps {
  readonly carrier: CarrierChannel;
  /** The URL of shipping's reply queue: the request's `replyTo`. */
  readonly replyTo: string;
  readonly deadlineSeconds: number;
}

/**
 * Sends a shipment's recorded, pending label request: its deadline first, then the request. Once the
 * deadline is set the request cannot be left pending, whatever becomes of the send; so a caller that finds
 * a request pending (a repeat, a retry after a failed send or a crash) may always send it again: the
 * carrier answers the same id with the same label, and a second answer or deadline changes nothing. The
 * requester (first attempts) and the deadline consumer (later ones) both send through here.
 */
export async function sendLabelRequest(
  deps: LabelSendDeps,
  shipment: Shipment,
  label: PendingLabel,
): Promise<'requested' | 'no shipment to label'> {
  const { correlationId } = label.trace;
  await deps.carrier.setDeadline({ requestId: label.requestId }, deps.deadlineSeconds, correlationId);
  const { status, address, shipmentId } = shipment;
  // Cancelled since the request was recorded: nothing to send, and the deadline ends the request.
  if (status !== 'SCHEDULED' || !address || !shipmentId) return 'no shipment to label';
  await deps.carrier.requestLabel(
    {
      correlationId: label.requestId,
      replyTo: deps.replyTo,
      shipmentId,
      recipient: address,
      attempt: attemptOf(label),
    },
    correlationId,
  );
  return 'requested';
}
