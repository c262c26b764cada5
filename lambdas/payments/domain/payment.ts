/**
 * A payment per order. The saga charges it and, to compensate, refunds it: both idempotent by order id,
 * and a refund only ever gives back what was captured. The two business answers carry the names the
 * state machine catches: a declined card (`PaymentDeclined`) and a provider the shop cannot reach for now
 * (`PaymentUnavailable`: timeouts, 5xx, an open circuit).
 */
export type PaymentStatus = 'CAPTURED' | 'DECLINED' | 'REFUNDED';

export interface Payment {
  readonly orderId: string;
  readonly chargeId: string;
  readonly amount: number;
  readonly currency: string;
  readonly status: PaymentStatus;
}

export class PaymentDeclined extends Error {
  override readonly name: string = 'PaymentDeclined';
}

export class PaymentUnavailable extends Error {
  override readonly name: string = 'PaymentUnavailable';
}

/** The provider-side idempotency keys: one charge and one refund per order, ever. */
export const chargeKey = (orderId: string) => `order-${orderId}-charge`;
export const refundKey = (orderId: string) => `order-${orderId}-refund`;
