import { decide, type LabelSignal, orderIdOfRequest } from '../domain/label';
import type { LabelStore } from '../ports/label-store';

export interface SettleLabelDeps {
  readonly shipments: LabelStore;
  readonly now: () => Date;
}

/**
 * A carrier's reply or a request's deadline, matched to its request by the request id: the first to find
 * the request pending settles it (a conditional write: of two racing, one wins and the other decides again
 * on what the winner wrote); anything else changes nothing and says why, for the log.
 */
export async function settleLabel(deps: SettleLabelDeps, signal: LabelSignal): Promise<string> {
  const orderId = orderIdOfRequest(signal.requestId);
  if (orderId === undefined) return 'ignored: unknown request';
  const shipment = await deps.shipments.get(orderId);
  const decision = decide(shipment?.label, signal, deps.now().toISOString());
  if (decision.kind === 'ignore') return `ignored: ${decision.why} request`;
  if (await deps.shipments.settleLabel(orderId, decision.label)) return decision.label.status;
  return settleLabel(deps, signal);
}
