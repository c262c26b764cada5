import * as z from 'zod/mini';
import { CURRENCIES } from '../../orders/contract';
import { taskInputBase } from '../../shared/tasks/task-handler';

/** The saga's ChargePayment and RefundPayment tasks. */
export const chargePaymentInputSchema = z.object({
  ...taskInputBase,
  orderId: z.string().check(z.minLength(1)),
  amount: z.number().check(z.minimum(0)),
  currency: z.enum(CURRENCIES),
  paymentToken: z.string().check(z.minLength(1)),
});

export const refundPaymentInputSchema = z.object({
  ...taskInputBase,
  orderId: z.string().check(z.minLength(1)),
});
