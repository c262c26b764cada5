import type { Connection } from '../domain/connection';
import type { DeliveryDecision } from '../domain/delivery';

/** One connection's subscription to one order. */
export interface SubscriptionKey {
  readonly orderId: string;
  readonly connectionId: string;
}

export interface Subscription extends SubscriptionKey {
  readonly customerId: string;
}

/** A lease on a subscription while one version is posted to it (see domain/delivery.ts). */
export interface Lease {
  readonly id: string;
  /** Epoch ms. */
  readonly until: number;
}

export type SubscribeOutcome = 'subscribed' | 'too-many' | 'no-connection';

/** Connections and their subscriptions, found by connection and by order. */
export interface ConnectionStore {
  open(connection: Connection): Promise<void>;
  connection(connectionId: string): Promise<Connection | undefined>;
  /** Adds the order to the connection's subscriptions (idempotent), within the per-connection limit. */
  subscribe(connection: Connection, orderId: string): Promise<SubscribeOutcome>;
  /** The live subscriptions to an order (a consistent read: one made a moment ago is among them). */
  subscribers(orderId: string, now: Date): Promise<Subscription[]>;
  /**
   * Takes the lease to post `version` when `deliveryDecision` says `send`, atomically; otherwise says
   * why not (the decision itself).
   */
  claim(key: SubscriptionKey, version: number, lease: Lease, now: number): Promise<DeliveryDecision>;
  /** Records `version` as delivered and gives the lease back (only if still held as `leaseId`). */
  delivered(key: SubscriptionKey, version: number, leaseId: string): Promise<void>;
  /** Gives the lease back without recording anything (the post failed: the version is still to send). */
  release(key: SubscriptionKey, leaseId: string): Promise<void>;
  /** Forgets the connection and every subscription of it. */
  close(connectionId: string): Promise<void>;
}
