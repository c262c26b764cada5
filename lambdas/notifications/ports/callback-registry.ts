import type { CallbackAttempt, FinalOrderEvent } from '../contract';

/** What the service keeps of an order from its `OrderPlaced`: where its callbacks go, if anywhere. */
export interface Registration {
  readonly orderId: string;
  readonly callbackUrl?: string;
  /** The last final-status event seen for it, for a replay. */
  readonly lastFinal?: FinalEventRef;
}

export interface FinalEventRef {
  readonly eventId: string;
  readonly type: FinalOrderEvent;
  readonly occurredAt: string;
  readonly correlationId: string;
}

/** The notifications service's own records: registrations, attempts, and URLs that answered 410. */
export interface CallbackRegistry {
  register(registration: Registration): Promise<void>;
  /** `undefined`: this order's `OrderPlaced` has not been seen (yet). */
  registration(orderId: string): Promise<Registration | undefined>;
  rememberFinal(orderId: string, event: FinalEventRef): Promise<void>;
  recordAttempt(orderId: string, attempt: CallbackAttempt): Promise<void>;
  /** Oldest first. */
  attempts(orderId: string): Promise<CallbackAttempt[]>;
  markGone(url: string): Promise<void>;
  isGone(url: string): Promise<boolean>;
}
