/**
 * The stub payment provider's own records: a stand-in for an external system (think a card processor's
 * API), with the behaviour the shop must cope with. Charges are idempotent by the caller's key, as real
 * providers make them; `tok_declined` is always declined; in non-production stages its latency and
 * failure rate can be set so the circuit breaker in front of it can be seen working.
 *
 * A caller that never heard how its charge ended (a timeout, a 5xx) settles it by the same key: a refund
 * by key gives back a captured charge, and when no charge was made with that key yet it records a void
 * for the key, so the charge, should its request still arrive later, is refused (as card processors'
 * "cancel by merchant reference" / technical cancel does). Either way the key can never end captured
 * after its refund: both write the one ledger item of the key, each only if the other has not.
 */
import { createHash } from 'node:crypto';

/** `voided`: refunded by key before any charge was made with the key; a later charge is refused. */
export type ChargeStatus = 'captured' | 'declined' | 'refunded' | 'voided';

export interface Charge {
  readonly chargeId: string;
  readonly amount: number;
  readonly currency: string;
  readonly token: string;
  readonly status: ChargeStatus;
  readonly refundedAmount: number;
  readonly createdAt: string;
}

export interface Behaviour {
  /** Added to every request before it is handled. */
  readonly latencyMs: number;
  /** The share of requests answered 503 before anything is done (0 to 1). */
  readonly failureRate: number;
}

export const NORMAL: Behaviour = { latencyMs: 0, failureRate: 0 };
export const DECLINED_TOKEN = 'tok_declined';

/** A charge's id follows from the caller's idempotency key: the same key can only ever be one charge. */
export function chargeIdFor(idempotencyKey: string): string {
  return `ch_${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 24)}`;
}

export function decideCharge(
  idempotencyKey: string,
  request: { amount: number; currency: string; token: string },
  now: string,
): Charge {
  return {
    chargeId: chargeIdFor(idempotencyKey),
    ...request,
    status: request.token === DECLINED_TOKEN ? 'declined' : 'captured',
    refundedAmount: 0,
    createdAt: now,
  };
}

/** The record a refund by key leaves for a key no charge was made with: nothing taken, nothing to give. */
export function decideVoid(idempotencyKey: string, now: string): Charge {
  return {
    chargeId: chargeIdFor(idempotencyKey),
    amount: 0,
    currency: '',
    token: '',
    status: 'voided',
    refundedAmount: 0,
    createdAt: now,
  };
}

/** Whether a repeated request with this key asks for the same charge (anything else is a misuse). */
export function sameRequest(
  charge: Charge,
  request: { amount: number; currency: string; token: string },
): boolean {
  return (
    charge.amount === request.amount && charge.currency === request.currency && charge.token === request.token
  );
}
