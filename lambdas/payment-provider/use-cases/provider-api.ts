import { ConflictError, NotFoundError } from '../../shared/errors';
import { type Charge, decideCharge, sameRequest } from '../domain/ledger';
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
 * key is refused (as real providers do).
 */
export async function charge(
  deps: ProviderDeps,
  idempotencyKey: string,
  request: { amount: number; currency: string; token: string },
): Promise<Charge> {
  const decided = decideCharge(idempotencyKey, request, deps.now().toISOString());
  if (await deps.ledger.createCharge(decided)) return decided;
  const existing = (await deps.ledger.findCharge(decided.chargeId)) as Charge;
  if (!sameRequest(existing, request)) {
    throw new ConflictError(`Idempotency key ${idempotencyKey} was used for a different charge.`);
  }
  return existing;
}

/** A full refund of a captured charge; refunding a refunded charge again is answered with it as it is. */
export async function refund(deps: ProviderDeps, chargeId: string): Promise<Charge> {
  const existing = await deps.ledger.findCharge(chargeId);
  if (existing === undefined) throw new NotFoundError(`No charge ${chargeId}.`);
  if (existing.status === 'refunded') return existing;
  if (existing.status !== 'captured' || !(await deps.ledger.refund(chargeId))) {
    const now = (await deps.ledger.findCharge(chargeId)) as Charge;
    if (now.status === 'refunded') return now;
    throw new ConflictError(`Charge ${chargeId} is ${now.status} and cannot be refunded.`);
  }
  return { ...existing, status: 'refunded', refundedAmount: existing.amount };
}

export async function getCharge(deps: Pick<ProviderDeps, 'ledger'>, chargeId: string): Promise<Charge> {
  const found = await deps.ledger.findCharge(chargeId);
  if (found === undefined) throw new NotFoundError(`No charge ${chargeId}.`);
  return found;
}
