import type { Currency, StepContext } from '../../orders/contract';
import type { OrderFacts } from '../../shared/choreography/order-facts';
import { PaymentDeclined, PaymentUnavailable } from '../domain/payment';
import { type ChargeRequest, chargePayment, type PaymentsDeps, refundPayment } from './payments';

/** The terms of an order's charge, as the choreography brings them: two events, in either order. */
export interface ChargeTerms {
  readonly paymentToken: string;
  readonly currency: Currency;
  readonly amount: number;
  /**
   * Set once the charge was given up as PAYMENT_UNAVAILABLE: a later delivery (the settlement failed too,
   * and the queue brings the event back) settles again and never charges, however the provider answers by
   * then, as the orchestrated saga, past its ChargePayment retries, only compensates.
   */
  readonly givenUp?: boolean;
}

export interface ChoreographedPaymentsDeps extends PaymentsDeps {
  readonly terms: OrderFacts<ChargeTerms>;
}

export type ChargeOutcome = 'waiting' | 'captured' | 'declined' | 'unavailable';

/**
 * Adds what an event says about the order's charge (the token and currency from OrderPlaced, the amount
 * from InventoryReserved) and charges once both have come: the same chargePayment the orchestrated saga's
 * step runs. A provider that cannot be reached is given `attempts` deliveries of the event (the queue
 * brings it back), as the orchestrated step is retried; then the charge is given up for good (recorded
 * first, so no later delivery charges) and the payment settled by its key, since an unknown outcome may
 * still be a capture; the settlement publishes PaymentRefunded with the cause PAYMENT_UNAVAILABLE.
 */
export async function chargeWhenReady(
  deps: ChoreographedPaymentsDeps,
  orderId: string,
  facts: Partial<ChargeTerms>,
  step: StepContext,
  delivery: { readonly attempt: number; readonly attempts: number },
): Promise<ChargeOutcome> {
  const terms = await deps.terms.add(orderId, facts);
  if (terms.paymentToken === undefined || terms.currency === undefined || terms.amount === undefined) {
    return 'waiting';
  }
  const unavailable = { ...step, cause: 'PAYMENT_UNAVAILABLE' as const };
  if (terms.givenUp) {
    await refundPayment(deps, orderId, unavailable);
    return 'unavailable';
  }
  const request: ChargeRequest = {
    orderId,
    amount: terms.amount,
    currency: terms.currency,
    paymentToken: terms.paymentToken,
  };
  try {
    await chargePayment(deps, request, step);
    return 'captured';
  } catch (error) {
    if (error instanceof PaymentDeclined) return 'declined';
    if (!(error instanceof PaymentUnavailable)) throw error;
    if (delivery.attempt < delivery.attempts) throw error;
    await deps.terms.add(orderId, { givenUp: true });
    await refundPayment(deps, orderId, unavailable);
    return 'unavailable';
  }
}
