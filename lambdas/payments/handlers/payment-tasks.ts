import { taskHandler } from '../../shared/tasks/task-handler';
import { chargePaymentInputSchema, refundPaymentInputSchema } from '../schemas/payment-tasks';
import { chargePayment, type PaymentsDeps, refundPayment } from '../use-cases/payments';

/** The saga's payment step and its compensation (a settlement by the charge's key), both idempotent. */
export function chargePaymentTask(deps: PaymentsDeps) {
  return taskHandler(chargePaymentInputSchema, 'ChargePayment', async (input, step) => {
    const payment = await chargePayment(deps, input, step);
    return { orderId: payment.orderId, chargeId: payment.chargeId, amount: payment.amount };
  });
}

export function refundPaymentTask(deps: PaymentsDeps) {
  return taskHandler(refundPaymentInputSchema, 'RefundPayment', async ({ orderId }, step) => {
    const payment = await refundPayment(deps, orderId, step);
    return { orderId, settled: payment.status };
  });
}
