import * as z from 'zod/mini';
import { shippingAddressSchema } from '../../orders/contract';

/**
 * The stub carrier's messaging contract: a label request on its request queue, answered on the queue the
 * request names. Its `correlationId` is the requester's, returned unchanged in the reply: the only thing
 * that pairs a reply with its request.
 */
export const labelRequestSchema = z.object({
  correlationId: z.string().check(z.minLength(1), z.maxLength(200)),
  /** The URL of the queue the reply goes to. */
  replyTo: z.url().check(z.maxLength(2048)),
  shipmentId: z.string().check(z.minLength(1)),
  /** The carrier takes an address as the shop writes one. */
  recipient: shippingAddressSchema,
  /**
   * Which of the shipper's requests for this shipment this is (1 for the first; absent from shippers that
   * do not say): one unanswered at the shipper's deadline is asked again under a new correlation id.
   */
  attempt: z.optional(z.int().check(z.minimum(1))),
});
export type LabelRequest = z.infer<typeof labelRequestSchema>;

export const labelReplySchema = z.object({
  correlationId: z.string().check(z.minLength(1), z.maxLength(200)),
  carrier: z.string().check(z.minLength(1)),
  trackingNumber: z.string().check(z.minLength(1)),
});
export type LabelReply = z.infer<typeof labelReplySchema>;

/** The name the stub carrier gives itself on its labels. */
export const STUB_CARRIER_NAME = 'Stub Parcels';

/**
 * How the stub carrier behaves, chosen by the recipient's name, as `tok_declined` chooses a decline: per
 * request, so that tests of each behaviour can run at once without one's setting changing another's
 * answers. Every other name gets one prompt reply.
 */
export const CARRIER_TEST_RECIPIENTS = {
  /** Never answers. */
  silent: 'Carrier Test Silent',
  /** Answers once, after the stage's slow-reply delay. */
  slow: 'Carrier Test Slow',
  /** Answers twice, at once. */
  duplicating: 'Carrier Test Twice',
  /** Answers only from the shipper's second request on (`attempt` 2 and later), at once. */
  silentOnce: 'Carrier Test Silent Once',
  /**
   * Answers only from the shipper's third request on (`attempt` 3 and later), at once: past the `local`
   * stage's two attempts, so its label fails and an operator's request (the third) is answered.
   */
  silentTwice: 'Carrier Test Silent Twice',
} as const;
export type CarrierBehaviour = keyof typeof CARRIER_TEST_RECIPIENTS | 'prompt';

/** The names the carrier's infrastructure and its function share. */
export const CARRIER_ENV = { slowReplyDelaySeconds: 'SLOW_REPLY_DELAY_SECONDS' } as const;
