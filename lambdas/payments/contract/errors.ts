/** The business answers of payments' operations, by the error name callers (the saga) catch. */
export const PAYMENT_ERRORS = {
  /** The provider refused the card: the order is rejected PAYMENT_DECLINED. */
  PaymentDeclined: 'PaymentDeclined',
  /** The provider cannot be reached or its circuit is open: the order is rejected PAYMENT_UNAVAILABLE. */
  PaymentUnavailable: 'PaymentUnavailable',
} as const;

/** The circuit breaker in front of the payment provider: its name in the breaker table and in metrics. */
export const PROVIDER_BREAKER = 'payment-provider';
