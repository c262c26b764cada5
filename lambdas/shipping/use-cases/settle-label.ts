import {
  type AskAgain,
  attemptOf,
  decide,
  type LabelSignal,
  labelRequestId,
  orderIdOfRequest,
} from '../domain/label';
import type { Shipment } from '../domain/shipment';
import type { LabelStore } from '../ports/label-store';
import { type LabelSendDeps, sendLabelRequest } from './send-label-request';

/** The outcome of a cancelled shipment's request reaching its deadline: recorded failed, not counted. */
export const VOID_LABEL_FAILED = 'FAILED (shipment cancelled: not counted)';

export interface SettleLabelDeps {
  readonly shipments: LabelStore;
  readonly now: () => Date;
  /** How a deadline asks the carrier again (the deadline consumer's; replies never ask again). */
  readonly askAgain?: AskAgainDeps;
}

export interface AskAgainDeps extends LabelSendDeps {
  /** Requests per label, the first included: the stage's `shipping.labelAttempts`. */
  readonly attempts: number;
  readonly newId: () => string;
}

/**
 * A carrier's reply or a request's deadline, matched to its request by the request id: the first to find
 * the request pending settles it, or (a deadline with attempts left, on a shipment still booked)
 * supersedes it with a new request, sent through the requester's path (deadline first). Each is a
 * conditional write: of two racing, one wins and the other decides again on what the winner wrote.
 * Anything else changes nothing and says why, for the log.
 */
export async function settleLabel(deps: SettleLabelDeps, signal: LabelSignal): Promise<string> {
  const orderId = orderIdOfRequest(signal.requestId);
  if (orderId === undefined) return 'ignored: unknown request';
  const shipment = await deps.shipments.get(orderId);
  const asking = signal.kind === 'deadline' ? deps.askAgain : undefined;
  const decision = decide(
    shipment?.label,
    signal,
    deps.now().toISOString(),
    asking && askAgainOf(orderId, shipment, asking),
  );
  switch (decision.kind) {
    case 'ignore':
      return `ignored: ${decision.why} request`;
    case 'settle':
      if (await deps.shipments.settleLabel(orderId, decision.label)) {
        // A cancelled shipment's label is void whatever the carrier does: its failure is no carrier's alarm.
        return decision.label.status === 'FAILED' && shipment?.status === 'CANCELLED'
          ? VOID_LABEL_FAILED
          : decision.label.status;
      }
      break;
    case 'ask-again':
      if (
        asking &&
        shipment &&
        (await deps.shipments.supersedeLabel(orderId, signal.requestId, decision.label))
      ) {
        await sendLabelRequest(asking, shipment, decision.label);
        return `asked again (attempt ${attemptOf(decision.label)})`;
      }
      break;
    case 'send-again':
      // Nothing supersedes a request without a way to ask again; redelivered, its deadline sends the
      // request that superseded it, in case a crash came between the record and the sends.
      if (!asking || !shipment) return 'ignored: superseded request';
      await sendLabelRequest(asking, shipment, decision.label);
      return `sent again (attempt ${attemptOf(decision.label)})`;
  }
  return settleLabel(deps, signal);
}

/** A cancelled shipment is not asked for again: the deadline ends its request. */
function askAgainOf(
  orderId: string,
  shipment: Shipment | undefined,
  deps: AskAgainDeps,
): AskAgain | undefined {
  if (shipment?.status !== 'SCHEDULED') return undefined;
  return { attempts: deps.attempts, nextRequestId: labelRequestId(orderId, deps.newId()) };
}
