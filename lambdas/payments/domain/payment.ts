import type { Currency } from '../../orders/contract';
import { PAYMENT_ERRORS, type PAYMENT_STATUSES } from '../contract';
/**
 * A payment per order. The saga charges it and, to compensate, settles it: both idempotent by order id.
 * The two business answers carry the names the state machine catches: a declined card (`PaymentDeclined`)
 * and a provider the shop cannot reach for now (`PaymentUnavailable`: timeouts, 5xx, an open circuit).
 *
 * `ATTEMPTED` is written before a charge request leaves (and only then: a call the open circuit refused
 * never left), so an unknown outcome is never mistaken for "not charged": a request that timed out or got
 * a 5xx may still have been, or may yet be, captured by the provider. Settling such a payment asks the
 * provider to refund by the charge's idempotency key, which also voids a charge that has not arrived yet.
 * No record at all means no request ever left: settling then records `VOIDED` with no amount, so that a
 * charge asked for later (a late or reordered delivery) is refused rather than taken.
 */
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export interface Payment {
  readonly orderId: string;
  /** The provider's id, once it has answered. */
  readonly chargeId?: string;
  /** Absent only from a payment voided before any charge was asked for. */
  readonly amount?: number;
  readonly currency?: Currency;
  readonly status: PaymentStatus;
}

/** What a settlement comes to (the provider's answer to a refund by key). */
export interface Settlement {
  readonly status: 'REFUNDED' | 'VOIDED' | 'DECLINED';
  readonly chargeId?: string;
}

/** Nothing is held any more and nothing will be: a repeat of the charge step must not charge again. */
export const SETTLED: ReadonlySet<PaymentStatus> = new Set(['DECLINED', 'REFUNDED', 'VOIDED']);

export class PaymentDeclined extends Error {
  override readonly name: string = PAYMENT_ERRORS.PaymentDeclined;
}

export class PaymentUnavailable extends Error {
  override readonly name: string = PAYMENT_ERRORS.PaymentUnavailable;
}

/** The provider-side idempotency key: one charge per order, ever; its refund goes by the same key. */
export const chargeKey = (orderId: string) => `order-${orderId}-charge`;
