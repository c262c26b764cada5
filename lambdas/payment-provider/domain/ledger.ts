/**
 * The stub payment provider's own records: a stand-in for an external system (think a card processor's
 * API), with the behaviour the shop must cope with. Charges and refunds are idempotent by the caller's
 * key, as real providers make them; `tok_declined` is always declined; in non-production stages its
 * latency and failure rate can be set so the circuit breaker in front of it can be seen working.
 */
import { createHash } from 'node:crypto';

export type ChargeStatus = 'captured' | 'declined' | 'refunded';

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

/** Whether a repeated request with this key asks for the same charge (anything else is a misuse). */
export function sameRequest(
  charge: Charge,
  request: { amount: number; currency: string; token: string },
): boolean {
  return (
    charge.amount === request.amount && charge.currency === request.currency && charge.token === request.token
  );
}
