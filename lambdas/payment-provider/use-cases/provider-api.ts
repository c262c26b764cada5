import { ConflictError, NotFoundError } from '../../shared/errors';
import { type Charge, chargeIdFor, decideCharge, decideVoid, sameRequest } from '../domain/ledger';
import type { ProviderLedger } from '../ports/provider-ledger';

export interface ProviderDeps {
  readonly ledger: ProviderLedger;
  readonly now: () => Date;
  readonly random: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

/** Answered 503 by the failure injection, before anything is done. */
export class InjectedOutage extends Error {
  override readonly name: string = 'InjectedOutage';
}

/** The latency and failure rate set for this stage, applied before every provider request. */
export async function behave(deps: ProviderDeps): Promise<void> {
  const { latencyMs, failureRate } = await deps.ledger.behaviour();
  if (latencyMs > 0) await deps.sleep(latencyMs);
  if (failureRate > 0 && deps.random() < failureRate)
    throw new InjectedOutage('The provider is unavailable (injected).');
}

/**
 * A charge, once per idempotency key: a repeat returns the same charge, a different request with a used
 * key is refused (as real providers do). A key refunded before its charge arrived answers with the void:
 * no charge is made.
 */
export async function charge(
  deps: ProviderDeps,
  idempotencyKey: string,
  request: { amount: number; currency: string; token: string },
): Promise<Charge> {
  const decided = decideCharge(idempotencyKey, request, deps.now().toISOString());
  if (await deps.ledger.createCharge(decided)) return decided;
  const existing = (await deps.ledger.findCharge(decided.chargeId)) as Charge;
  if (existing.status === 'voided') return existing;
  if (!sameRequest(existing, request)) {
    throw new ConflictError(`Idempotency key ${idempotencyKey} was used for a different charge.`);
  }
  return existing;
}

/**
 * Settles the charge made (or perhaps still to be made) with the caller's idempotency key, for a caller
 * that does not know whether its charge happened: a captured charge is refunded in full; a key with no
 * charge yet is voided (a conditional create of the key's item, so a charge racing it either lands first
 * and is then refunded, or finds the void and is refused); a declined, refunded or voided one is answered
 * as it is. Every repeat is a no-op answered with the same record.
 */
export async function refundByKey(deps: ProviderDeps, chargeKey: string): Promise<Charge> {
  const voided = decideVoid(chargeKey, deps.now().toISOString());
  if (await deps.ledger.createCharge(voided)) return voided;
  const chargeId = chargeIdFor(chargeKey);
  const existing = (await deps.ledger.findCharge(chargeId)) as Charge;
  if (existing.status !== 'captured') return existing;
  if (await deps.ledger.refund(chargeId)) {
    return { ...existing, status: 'refunded', refundedAmount: existing.amount };
  }
  // Refunded by a concurrent repeat meanwhile: answer what it left.
  return (await deps.ledger.findCharge(chargeId)) as Charge;
}

export async function getCharge(deps: Pick<ProviderDeps, 'ledger'>, chargeId: string): Promise<Charge> {
  const found = await deps.ledger.findCharge(chargeId);
  if (found === undefined) throw new NotFoundError(`No charge ${chargeId}.`);
  return found;
}
