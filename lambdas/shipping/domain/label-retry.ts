import type { PendingLabel } from './label';
import type { Shipment } from './shipment';

/**
 * An operator's request that the carrier be asked again for a shipment's label (`POST
 * /shipments/{orderId}/label`). A FAILED label of a shipment still booked is superseded by one more request,
 * as a deadline supersedes a pending one: a new id, the failed one kept in `earlierRequestIds`, so that the
 * failed request's late reply is told apart. Its attempt number follows the last one's, which is already the
 * stage's `labelAttempts`: `decide` gives it no request of its own after it, so the operator's request is a
 * single attempt, and if the carrier stays silent the label fails again at its deadline (counted, alarmed)
 * and the operator decides again. No budget to keep beside the label, and `decide` is unchanged.
 */
export type LabelRetryDecision =
  /** Write `label` in place of the failed request `failedRequestId`, then send it. */
  | { readonly kind: 'supersede'; readonly failedRequestId: string; readonly label: PendingLabel }
  /**
   * The pending request is older than twice its deadline, which would have ended it: its deadline was
   * never sent (a crash, or a failed send, after the record). Sent again (deadline first), nothing written:
   * the carrier answers the same id with the same label, and a second deadline changes nothing.
   */
  | { readonly kind: 'send-again'; readonly label: PendingLabel }
  | {
      readonly kind: 'refuse';
      /**
       * `not-booked`: the shipment is cancelled or unavailable (no label to ask for); `not-asked`: no label
       * was asked yet (the order is not confirmed); `pending`: the carrier is being asked; `labelled`:
       * the carrier gave it.
       */
      readonly why: 'not-booked' | 'not-asked' | 'pending' | 'labelled';
    };

export function retryFailedLabel(
  shipment: Pick<Shipment, 'status' | 'label'>,
  nextRequestId: string,
  now: string,
  deadlineSeconds: number,
): LabelRetryDecision {
  const { status, label } = shipment;
  if (status !== 'SCHEDULED') return { kind: 'refuse', why: 'not-booked' };
  if (label === undefined) return { kind: 'refuse', why: 'not-asked' };
  switch (label.status) {
    case 'LABELLED':
      return { kind: 'refuse', why: 'labelled' };
    case 'REQUESTED':
      return Date.parse(now) - Date.parse(label.requestedAt) > 2 * deadlineSeconds * 1000
        ? { kind: 'send-again', label }
        : { kind: 'refuse', why: 'pending' };
    case 'FAILED':
      return {
        kind: 'supersede',
        failedRequestId: label.requestId,
        label: {
          status: 'REQUESTED',
          requestId: nextRequestId,
          requestedAt: now,
          earlierRequestIds: [...(label.earlierRequestIds ?? []), label.requestId],
          // Same transaction; caused by the failed request it supersedes, as a deadline's new request is.
          trace: { correlationId: label.trace.correlationId, causationId: label.requestId },
        },
      };
  }
}
