import type { Payment } from '../domain/payment';

export interface PaymentsStore {
  get(orderId: string): Promise<Payment | undefined>;
  /** Records the outcome of the order's charge (once: a repeat finds it already there). */
  record(payment: Payment): Promise<void>;
  markRefunded(orderId: string): Promise<void>;
}
