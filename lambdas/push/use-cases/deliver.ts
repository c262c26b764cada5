import { randomUUID } from 'node:crypto';
import type { OrderViewAnswer } from '../../orders/contract';
import { DELIVERY_LEASE_MS, orderUpdated, type PushMessage } from '../contract';
import type { DeliveryDecision } from '../domain/delivery';
import type { ConnectionStore, SubscriptionKey } from '../ports/connection-store';
import type { Messenger, SendOutcome } from '../ports/messenger';

export interface DeliveryDeps {
  readonly store: ConnectionStore;
  readonly messenger: Messenger;
  /** Epoch ms. */
  readonly now?: () => number;
  readonly newLeaseId?: () => string;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** What became of one version for one subscription. */
export type Delivery = 'sent' | 'gone' | Exclude<DeliveryDecision, 'send'>;

/**
 * A busy subscription is held by a sender posting one message (milliseconds): asked again at these
 * intervals, about 1.5 s in all, before the caller gives up for now.
 */
const BUSY_RETRY_DELAYS_MS = [20, 40, 80, 160, 300, 400, 500];

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Posts one version of an order to one subscription, in version order (domain/delivery.ts): under a
 * lease, only above the last delivered version, recorded once posted. A post that fails gives the lease
 * back with nothing recorded, so the version is sent on a retry; a gone connection is forgotten. With
 * `waitWhileBusy`, a subscription another sender is posting to is asked again for a while; without, its
 * answer is `busy` at once (fine for the subscribe request: whatever it would have sent, the stream also
 * brings, since every version of the view passes through it).
 */
export async function deliver(
  deps: DeliveryDeps,
  key: SubscriptionKey,
  view: OrderViewAnswer,
  options: { readonly waitWhileBusy: boolean },
): Promise<Delivery> {
  const now = deps.now ?? Date.now;
  const delays = options.waitWhileBusy ? BUSY_RETRY_DELAYS_MS : [];
  const lease = { id: (deps.newLeaseId ?? randomUUID)(), until: 0 };
  for (let attempt = 0; ; attempt++) {
    const at = now();
    const decision = await deps.store.claim(
      key,
      view.version,
      { ...lease, until: at + DELIVERY_LEASE_MS },
      at,
    );
    if (decision === 'send') break;
    const delay = delays[attempt];
    if (decision !== 'busy' || delay === undefined) return decision;
    await (deps.sleep ?? sleepFor)(delay);
  }
  let outcome: SendOutcome;
  try {
    outcome = await deps.messenger.send(key.connectionId, orderUpdated(view));
  } catch (error) {
    await deps.store.release(key, lease.id);
    throw error;
  }
  if (outcome === 'gone') {
    await deps.store.close(key.connectionId);
    return 'gone';
  }
  await deps.store.delivered(key, view.version, lease.id);
  return 'sent';
}

/** A message outside the version order (an answer to a request); a gone connection is forgotten. */
export async function reply(
  deps: DeliveryDeps,
  connectionId: string,
  message: PushMessage,
): Promise<SendOutcome> {
  const outcome = await deps.messenger.send(connectionId, message);
  if (outcome === 'gone') await deps.store.close(connectionId);
  return outcome;
}
