import * as z from 'zod/mini';
import '../../shared/validation-messages';

export const chargeRequestSchema = z.strictObject({
  amount: z.number().check(z.minimum(0), z.maximum(1_000_000)),
  currency: z.string().check(z.regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code')),
  token: z.string().check(z.minLength(1), z.maxLength(128)),
});
export type ChargeRequest = z.infer<typeof chargeRequestSchema>;

/** A refund by the charge's idempotency key (what a caller that never heard back from its charge has). */
export const refundRequestSchema = z.strictObject({
  chargeKey: z.string().check(z.minLength(1), z.maxLength(255)),
});

export const behaviourSchema = z.strictObject({
  latencyMs: z.int().check(z.minimum(0), z.maximum(30_000)),
  failureRate: z.number().check(z.minimum(0), z.maximum(1)),
});
