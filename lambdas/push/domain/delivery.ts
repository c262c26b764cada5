/**
 * Version order per connection: what a sender may do with one version of an order for one subscription.
 *
 * Two senders reach a subscription: the subscribe request (the view as it is now) and the stream fan-out
 * (every change). Each takes a lease on the subscription before posting and records the version it
 * delivered when done, so a version is posted only above the last delivered one, and never while another
 * sender is posting: an older version can never overtake a newer one on the wire.
 */

export interface DeliveryState {
  /** The highest version posted to this subscription (0 before any). */
  readonly sentVersion: number;
  /** Set while a sender posts: who, and until when (epoch ms) the lease holds. */
  readonly lease?: { readonly id: string; readonly until: number };
}

export type DeliveryDecision =
  /** Take the lease and post. */
  | 'send'
  /** This version or a newer one was delivered: a duplicate or an older record; nothing to do. */
  | 'already-sent'
  /** Another sender is posting: wait for it, then decide again. */
  | 'busy'
  /** No such subscription (never made, or its connection closed). */
  | 'unsubscribed';

export function deliveryDecision(
  state: DeliveryState | undefined,
  version: number,
  now: number,
): DeliveryDecision {
  if (state === undefined) return 'unsubscribed';
  if (version <= state.sentVersion) return 'already-sent';
  if (state.lease !== undefined && state.lease.until > now) return 'busy';
  return 'send';
}
