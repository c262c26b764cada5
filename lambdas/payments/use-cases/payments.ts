import { type CircuitBreaker, CircuitOpenError } from '../../shared/resilience/circuit-breaker';
import { chargeKey, type Payment, PaymentDeclined, PaymentUnavailable, refundKey } from '../domain/payment';
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
  readonly currency: string;
  readonly paymentToken: string;
}

/**
 * Charges the order once: a repeat of the step returns the recorded payment (or the same decline), and the
 * provider's idempotency key covers a crash between its answer and our record.
 */
export async function chargePayment(deps: PaymentsDeps, request: ChargeRequest): Promise<Payment> {
  const existing = await deps.payments.get(request.orderId);
  if (existing?.status === 'DECLINED')
    throw new PaymentDeclined(`Payment for ${request.orderId} was declined.`);
  if (existing !== undefined) return existing;
  const answer = await throughBreaker(deps, () =>
    deps.provider.charge(chargeKey(request.orderId), {
      amount: request.amount,
      currency: request.currency,
      token: request.paymentToken,
    }),
  );
  const payment: Payment = {
    orderId: request.orderId,
    chargeId: answer.chargeId,
    amount: request.amount,
    currency: request.currency,
    status: answer.status === 'declined' ? 'DECLINED' : 'CAPTURED',
  };
  await deps.payments.record(payment);
  if (payment.status === 'DECLINED')
    throw new PaymentDeclined(`Payment for ${request.orderId} was declined.`);
  return payment;
}

/**
 * Gives back what was captured for the order, once. Nothing captured (never charged, declined) means
 * nothing to refund: the compensation succeeds without calling the provider.
 */
export async function refundPayment(deps: PaymentsDeps, orderId: string): Promise<Payment | undefined> {
  const payment = await deps.payments.get(orderId);
  if (payment?.status !== 'CAPTURED') return payment;
  await throughBreaker(deps, () => deps.provider.refund(refundKey(orderId), payment.chargeId));
  await deps.payments.markRefunded(orderId);
  return { ...payment, status: 'REFUNDED' };
}

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
