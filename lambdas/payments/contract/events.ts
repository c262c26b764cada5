import * as z from 'zod/mini';
import {
  compensationCauseSchema,
  EXAMPLE_ORDER_ID,
  moneySchema,
  orderEventFields,
} from '../../orders/contract';
import { type EventVersions, firstVersion, type ServiceEvents } from '../../shared/events/event-versions';

/** The source of everything the payments service publishes. */
export const PAYMENTS_EVENT_SOURCE = 'shop.payments';

/** The provider took the money. */
const paymentCapturedV1 = z.object({
  ...orderEventFields,
  ...moneySchema.def.shape,
  chargeId: z.string().check(z.minLength(1)),
});
/** The provider refused the card: nothing taken, ever (a repeat of the charge answers the same). */
const paymentDeclinedV1 = z.object({ ...orderEventFields, ...moneySchema.def.shape });
/**
 * Whatever the order's charge came to is settled, and no charge for it will ever be taken:
 * - `REFUNDED`: it had been captured and the money went back;
 * - `VOIDED`: no charge was made (none had been sent, or one sent with an unknown outcome never arrived),
 *   and one arriving later is refused;
 * - `DECLINED`: the charge had been declined, nothing to give back.
 * `amount` and `currency` are absent when no charge had ever been asked for. `cause`: why, when the step
 * that settled it knew (`PAYMENT_UNAVAILABLE`: the provider could not be reached to charge).
 */
const paymentRefundedV1 = z.object({
  ...orderEventFields,
  outcome: z.enum(['REFUNDED', 'VOIDED', 'DECLINED']),
  amount: z.optional(z.number().check(z.minimum(0))),
  currency: z.optional(moneySchema.def.shape.currency),
  cause: z.optional(compensationCauseSchema),
});

export const PAYMENTS_EVENT_TYPES = ['PaymentCaptured', 'PaymentDeclined', 'PaymentRefunded'] as const;
export type PaymentsEventType = (typeof PAYMENTS_EVENT_TYPES)[number];
export type PaymentCapturedData = z.infer<typeof paymentCapturedV1>;
export type PaymentDeclinedData = z.infer<typeof paymentDeclinedV1>;
export type PaymentRefundedData = z.infer<typeof paymentRefundedV1>;

export const PAYMENTS_EVENTS: ServiceEvents = {
  source: PAYMENTS_EVENT_SOURCE,
  events: {
    PaymentCaptured: firstVersion(paymentCapturedV1, {
      orderId: EXAMPLE_ORDER_ID,
      sagaStyle: 'choreography',
      amount: 25,
      currency: 'EUR',
      chargeId: 'ch_7d1e0b9a87',
    }),
    PaymentDeclined: firstVersion(paymentDeclinedV1, {
      orderId: EXAMPLE_ORDER_ID,
      sagaStyle: 'orchestration',
      amount: 25,
      currency: 'EUR',
    }),
    PaymentRefunded: firstVersion(paymentRefundedV1, {
      orderId: EXAMPLE_ORDER_ID,
      sagaStyle: 'choreography',
      outcome: 'REFUNDED',
      amount: 25,
      currency: 'EUR',
      cause: 'SHIPPING_UNAVAILABLE',
    }),
  } satisfies Record<PaymentsEventType, EventVersions>,
};
