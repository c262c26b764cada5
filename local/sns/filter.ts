import { matches } from '../eventbridge/pattern';
import { filterableAttributes, messageFor, type PublishedMessage } from './message';
import type { SubscriptionModel } from './model';

/**
 * Whether a subscription's filter policy lets a message through: no policy passes everything; on the
 * attributes scope the policy is matched against the attributes as values (filterableAttributes), on the
 * body scope against the message parsed as JSON (a body that is not a JSON object never matches).
 */
export function passesFilter(subscription: SubscriptionModel, message: PublishedMessage): boolean {
  if (!subscription.filter) return true;
  if (subscription.filterPolicyScope === 'MessageAttributes') {
    return matches(subscription.filter, filterableAttributes(message.attributes));
  }
  let body: unknown;
  try {
    body = JSON.parse(messageFor(message, subscription.protocol));
  } catch {
    return false;
  }
  return (
    body !== null && typeof body === 'object' && !Array.isArray(body) && matches(subscription.filter, body)
  );
}
