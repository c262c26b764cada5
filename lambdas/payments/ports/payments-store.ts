import type { StepContext } from '../../orders/contract';
import type { Payment, Settlement } from '../domain/payment';

export interface PaymentsStore {
  get(orderId: string): Promise<Payment | undefined>;
  /** Notes that a charge request is about to leave (`ATTEMPTED`), unless the payment is recorded already. */
  recordAttempt(attempt: Pick<Payment, 'orderId' | 'amount' | 'currency'>): Promise<void>;
  /**
   * Records the provider's answer to the charge, over `ATTEMPTED` only (never over a settlement), and
   * publishes PaymentCaptured or PaymentDeclined with it. False, and nothing published, when it was not
   * `ATTEMPTED` any more.
   */
  record(payment: Payment, step: StepContext): Promise<boolean>;
  /**
   * Records the settlement (`REFUNDED`, `VOIDED`, `DECLINED`) over a payment that held money or might
   * (`CAPTURED`, `ATTEMPTED`), or in place of one never asked for, and publishes PaymentRefunded with it.
   * False, and nothing published, when the payment was settled already.
   */
  recordSettlement(settled: Payment & Settlement, step: StepContext): Promise<boolean>;
}
