import type { Currency, StepContext } from '../../orders/contract';
import { type CircuitBreaker, CircuitOpenError } from '../../shared/resilience/circuit-breaker';
import {
  chargeKey,
  type Payment,
  PaymentDeclined,
  PaymentUnavailable,
  SETTLED,
  type Settlement,
} from '../domain/payment';
import { type PaymentProvider, ProviderUnavailable } from '../ports/payment-provider';
import type { PaymentsStore } from '../ports/payments-store';

export interface PaymentsDeps {
  readonly payments: PaymentsStore;
  readonly provider: PaymentProvider;
  /** Around every provider call; only ProviderUnavailable counts against it (a decline is an answer). */
  readonly breaker: CircuitBreaker;
}

export interface ChargeRequest {
  readonly orderId: string;
  readonly amount: number;
  readonly currency: Currency;
  readonly paymentToken: string;
}

/**
 * Charges the order once: a repeat of the step returns the recorded payment (or the same decline), and the
 * provider's idempotency key covers a crash between its answer and our record. `ATTEMPTED` is recorded
 * inside the breaker's call, just before the request leaves: a call the open circuit refuses never sent
 * anything and leaves nothing to settle.
 */
export async function chargePayment(
  deps: PaymentsDeps,
  request: ChargeRequest,
  step: StepContext,
): Promise<Payment> {
  const existing = await deps.payments.get(request.orderId);
  if (existing?.status === 'CAPTURED') return existing;
  if (existing !== undefined && SETTLED.has(existing.status))
    throw new PaymentDeclined(`Payment for ${request.orderId} is ${existing.status.toLowerCase()}.`);
  const attempt = { orderId: request.orderId, amount: request.amount, currency: request.currency };
  const answer = await throughBreaker(deps, async () => {
    await deps.payments.recordAttempt(attempt);
    return deps.provider.charge(chargeKey(request.orderId), {
      amount: request.amount,
      currency: request.currency,
      token: request.paymentToken,
    });
  });
  const payment: Payment = {
    ...attempt,
    chargeId: answer.chargeId,
    status: STATUS_OF_CHARGE[answer.status],
  };
  await deps.payments.record(payment, step);
  // Voided: settled by key before this charge arrived (a saga run again for a settled order).
  if (payment.status !== 'CAPTURED')
    throw new PaymentDeclined(`Payment for ${request.orderId} was ${answer.status}.`);
  return payment;
}

/**
 * Settles the order's payment, the compensation of ChargePayment on every rejection path: whatever a charge
 * request may have done, no money stays taken. With no record no request ever left, and a declined,
 * refunded or voided payment holds nothing: the provider is not called. A captured payment, and one whose
 * charge has an unknown outcome (`ATTEMPTED`: timed out, 5xx, or the function died around the call), are
 * refunded by the charge's idempotency key, which the provider answers with what the key came to: refunded,
 * voided (no charge made; one arriving later is refused), or declined. With no record at all the payment is
 * recorded `VOIDED`, so that a charge asked for later is refused. Idempotent: PaymentRefunded is published
 * once, by the settlement that took effect.
 */
export async function refundPayment(
  deps: PaymentsDeps,
  orderId: string,
  step: StepContext,
): Promise<Payment> {
  const payment = await deps.payments.get(orderId);
  if (payment !== undefined && SETTLED.has(payment.status)) return payment;
  if (payment === undefined) {
    // Nothing was ever asked of the provider: voided here, so that no charge for the order ever is.
    const voided: Payment & Settlement = { orderId, status: 'VOIDED' };
    if (await deps.payments.recordSettlement(voided, step)) return voided;
    // A charge was asked for meanwhile: settle that.
    return refundPayment(deps, orderId, step);
  }
  const answer = await throughBreaker(deps, () => deps.provider.refundByKey(chargeKey(orderId)));
  const settled = { ...payment, chargeId: answer.chargeId, status: STATUS_OF_SETTLEMENT[answer.status] };
  await deps.payments.recordSettlement(settled, step);
  return settled;
}

const STATUS_OF_CHARGE = { captured: 'CAPTURED', declined: 'DECLINED', voided: 'VOIDED' } as const;
const STATUS_OF_SETTLEMENT = { refunded: 'REFUNDED', declined: 'DECLINED', voided: 'VOIDED' } as const;
async function throughBreaker<T>(deps: PaymentsDeps, call: () => Promise<T>): Promise<T> {
  try {
    return await deps.breaker.call(call, { isFailure: (error) => error instanceof ProviderUnavailable });
  } catch (error) {
    if (error instanceof ProviderUnavailable || error instanceof CircuitOpenError) {
      throw new PaymentUnavailable(error.message);
    }
    throw error;
  }
}
