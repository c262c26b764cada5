/** The external payment provider, as the payments service needs it. */
export interface PaymentProvider {
  /** `voided`: the key was refunded before this charge arrived; no money was taken. */
  charge(
    idempotencyKey: string,
    request: { amount: number; currency: string; token: string },
  ): Promise<{ chargeId: string; status: 'captured' | 'declined' | 'voided' }>;
  /**
   * Settles whatever the charge with this idempotency key came to: refunded if it was captured, voided if
   * it was never made (so it never will be), as it is if declined. Idempotent.
   */
  refundByKey(chargeKey: string): Promise<{ chargeId: string; status: 'refunded' | 'voided' | 'declined' }>;
}

/** The provider did not answer usefully (timeout, 5xx, network): what counts against the circuit. */
export class ProviderUnavailable extends Error {
  override readonly name: string = 'ProviderUnavailable';
}
