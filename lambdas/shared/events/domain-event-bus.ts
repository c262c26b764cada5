import type { EventEnvelope } from './envelope';

/** A domain event as it goes on the bus (DESIGN.md, "Events"): `detail` is the envelope. */
export interface DomainEvent<TData = unknown> {
  /** `shop.<service>` */
  readonly source: string;
  /** Past-tense PascalCase, e.g. `OrderPlaced`. */
  readonly detailType: string;
  readonly detail: EventEnvelope<TData>;
}

/** Per entry of one `put`: undefined when it was accepted, the bus's error code when it was not. */
export type PutOutcome = ReadonlyArray<string | undefined>;

export interface DomainEventBus {
  /** Puts at most `MAX_ENTRIES_PER_PUT` events; reports which were refused instead of throwing. */
  put(events: readonly DomainEvent[]): Promise<PutOutcome>;
}

/** PutEvents takes at most 10 entries per request. */
export const MAX_ENTRIES_PER_PUT = 10;
