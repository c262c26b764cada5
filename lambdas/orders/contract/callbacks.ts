import { createHmac } from 'node:crypto';

/**
 * Signed callbacks (DESIGN.md, "Callbacks, request/reply and push"): what the orders service, which
 * issues each order's callback secret in its `202`, and the notifications service, which signs with it,
 * must agree on.
 *
 * The secret is derived, never stored: HMAC-SHA256 of the order's id under the stage's callback signing
 * key (a Secrets Manager secret). So the same order always has the same secret (an Idempotency-Key replay
 * of the `202` returns it again, and no table or log ever holds it), and rotating the key changes every
 * order's secret at once. 32 bytes, above Standard Webhooks' 24-byte minimum.
 */
export function callbackSecretFor(signingKey: string, orderId: string): string {
  return `whsec_${createHmac('sha256', signingKey).update(`order-callback:${orderId}`).digest('base64')}`;
}

/** The secret holding `{ "key": "..." }`, by name or ARN, in both services' functions. */
export const CALLBACK_SIGNING_KEY_SECRET_ENV = 'CALLBACK_SIGNING_KEY_SECRET_ID';
/** `public-https` or `local` (lambdas/shared/http/callback-url-guard.ts). */
export const CALLBACK_URL_POLICY_ENV = 'CALLBACK_URL_POLICY';
