import type { Payment } from '../domain/payment';

export interface PaymentsStore {
  get(orderId: string): Promise<Payment | undefined>;
  /** Notes that a charge request is about to leave (`ATTEMPTED`), unless the payment is recorded already. */
  recordAttempt(attempt: Pick<Payment, 'orderId' | 'amount' | 'currency'>): Promise<void>;
  /** Records the provider's answer to the charge, over `ATTEMPTED` only (never over a settlement). */
  record(payment: Payment): Promise<void>;
  /** Records the settlement the provider answered (`REFUNDED`, `VOIDED`, `DECLINED`), whatever was there. */
  recordSettlement(orderId: string, settlement: Pick<Payment, 'status' | 'chargeId'>): Promise<void>;
}
