import * as z from 'zod/mini';
import { CURRENCIES } from '../../orders/contract';

/** The payments service's internal API (IAM-authorized): what another service may read of a payment. */
export const PAYMENTS_INTERNAL_ROUTES = {
  getPayment: { method: 'GET', path: '/payments/{orderId}' },
} as const;

export const PAYMENT_STATUSES = ['ATTEMPTED', 'CAPTURED', 'DECLINED', 'REFUNDED', 'VOIDED'] as const;

/**
 * `GET /payments/{orderId}`: the order's payment (404 while none was asked for). `amount` and `currency`
 * are absent only from a payment voided before any charge was asked for.
 */
export const paymentViewSchema = z.object({
  orderId: z.string(),
  status: z.enum(PAYMENT_STATUSES),
  amount: z.optional(z.number()),
  currency: z.optional(z.enum(CURRENCIES)),
});

export type PaymentView = z.infer<typeof paymentViewSchema>;
