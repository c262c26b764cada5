/** The business answers of shipping's operations, by the error name callers (the saga) catch. */
export const SHIPPING_ERRORS = {
  /** No carrier serves the address: the order is rejected SHIPPING_UNAVAILABLE. */
  ShippingUnavailable: 'ShippingUnavailable',
} as const;
