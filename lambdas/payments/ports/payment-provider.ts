/** The external payment provider, as the payments service needs it. */
export interface PaymentProvider {
  charge(
    idempotencyKey: string,
    request: { amount: number; currency: string; token: string },
  ): Promise<{ chargeId: string; status: 'captured' | 'declined' }>;
  refund(idempotencyKey: string, chargeId: string): Promise<void>;
}

/** The provider did not answer usefully (timeout, 5xx, network): what counts against the circuit. */
export class ProviderUnavailable extends Error {
  override readonly name: string = 'ProviderUnavailable';
}
