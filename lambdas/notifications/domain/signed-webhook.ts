import { Webhook } from 'standardwebhooks';

/**
 * The Standard Webhooks 1.0 headers of one attempt, signed with the maintained implementation (the
 * `standardwebhooks` package): `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` under the `whsec_` secret.
 * The id stays the same across retries (receivers deduplicate on it); the timestamp is the attempt's.
 */
export function signedWebhookHeaders(
  secret: string,
  webhookId: string,
  at: Date,
  body: string,
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'webhook-id': webhookId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(webhookId, at, body),
  };
}
