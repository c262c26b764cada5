import type { StepContext } from '../../orders/contract';
import type { PaymentCapturedData, PaymentDeclinedData, PaymentRefundedData } from '../contract';
import type { Payment, Settlement } from './payment';

export type ChargeAnsweredEvent =
  | { readonly type: 'PaymentCaptured'; readonly data: PaymentCapturedData }
  | { readonly type: 'PaymentDeclined'; readonly data: PaymentDeclinedData };

/**
 * What the payments service publishes when the provider answers a charge: captured or declined. A charge
 * answered `voided` publishes nothing: the settlement that voided its key publishes PaymentRefunded.
 */
export function chargeAnsweredEvent(payment: Payment, step: StepContext): ChargeAnsweredEvent | undefined {
  const { orderId, amount, currency, chargeId } = payment;
  if (amount === undefined || currency === undefined) return undefined;
  const base = { orderId, sagaStyle: step.sagaStyle, amount, currency };
  if (payment.status === 'CAPTURED' && chargeId !== undefined) {
    return { type: 'PaymentCaptured', data: { ...base, chargeId } };
  }
  if (payment.status === 'DECLINED') return { type: 'PaymentDeclined', data: base };
  return undefined;
}

export function settledEvent(
  settled: Payment & Settlement,
  step: StepContext,
): { readonly type: 'PaymentRefunded'; readonly data: PaymentRefundedData } {
  return {
    type: 'PaymentRefunded',
    data: {
      orderId: settled.orderId,
      sagaStyle: step.sagaStyle,
      outcome: settled.status,
      ...(settled.amount === undefined ? {} : { amount: settled.amount }),
      ...(settled.currency === undefined ? {} : { currency: settled.currency }),
      ...(step.cause === undefined ? {} : { cause: step.cause }),
    },
  };
}
