import { ConflictError, NotFoundError } from '../../shared/errors';
import { labelRequestId } from '../domain/label';
import { type LabelRetryDecision, retryFailedLabel } from '../domain/label-retry';
import type { Shipment } from '../domain/shipment';
import type { LabelRequestDeps } from './request-label';
import { sendLabelRequest } from './send-label-request';

const REFUSALS: Record<Extract<LabelRetryDecision, { kind: 'refuse' }>['why'], (orderId: string) => string> =
  {
    'not-booked': (orderId) => `The shipment of order ${orderId} is not booked (cancelled or unavailable).`,
    'not-asked': (orderId) => `No label was asked yet for the shipment of order ${orderId}.`,
    pending: (orderId) => `The carrier is being asked for the label of order ${orderId}.`,
    labelled: (orderId) => `The shipment of order ${orderId} has its label.`,
  };

/**
 * An operator asks the carrier again for a label that failed: one conditional write supersedes the failed
 * request by a new one (ShipmentLabelRequested published with it), then it is sent like any other
 * (`sendLabelRequest`: its deadline first). Of two operators racing, one supersedes it and the other,
 * deciding again on what the winner wrote, is refused (not idempotent: the second was asking for a request
 * that is already being made). Returns the shipment as it now is; refusals are the errors the HTTP layer
 * answers (404 without a shipment, 409 for a label that is not FAILED or a shipment not booked). It needs
 * what the requester needs (`LabelRequestDeps`): a store, the sends, fresh ids and the time.
 */
export async function askLabelAgain(deps: LabelRequestDeps, orderId: string): Promise<Shipment> {
  const shipment = await deps.shipments.get(orderId);
  if (shipment === undefined) throw new NotFoundError(`Order ${orderId} has no shipment.`);
  const decision = retryFailedLabel(
    shipment,
    labelRequestId(orderId, deps.newId()),
    deps.now().toISOString(),
    deps.deadlineSeconds,
  );
  switch (decision.kind) {
    case 'refuse':
      throw new ConflictError(REFUSALS[decision.why](orderId));
    case 'send-again':
      await sendLabelRequest(deps, shipment, decision.label);
      return shipment;
    case 'supersede': {
      const superseded = await deps.shipments.supersedeFailedLabel(
        orderId,
        decision.failedRequestId,
        decision.label,
      );
      if (!superseded) return askLabelAgain(deps, orderId);
      const asked: Shipment = { ...shipment, label: decision.label };
      await sendLabelRequest(deps, asked, decision.label);
      return asked;
    }
  }
}
