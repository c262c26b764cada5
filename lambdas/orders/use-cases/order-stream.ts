import type { EventMetadata } from '../../shared/events/envelope';
import type { OrderEventData } from '../contract';
import { currentSchemaVersion, upcast } from '../contract';
import type { OrderEvent } from '../domain/order';
import type { StoredEvent } from '../ports/event-store';

/**
 * Maps between the domain's events and the event store's records. Reading checks each record against the
 * schema of its own version and upcasts it, so the domain only ever sees current-version events.
 */
export function toOrderEvent(stored: StoredEvent): OrderEvent {
  const where = `${stored.aggregateId}@${stored.version}`;
  const event = upcast(stored.type, stored.metadata.schemaVersion, stored.data, where);
  return { ...event, version: stored.version, occurredAt: stored.metadata.occurredAt } as OrderEvent;
}

export interface EventContext {
  readonly correlationId: string;
  readonly causationId: string;
  readonly occurredAt: string;
  newEventId(): string;
}

export function toStoredEvents(
  aggregateId: string,
  currentVersion: number,
  events: readonly OrderEventData[],
  context: EventContext,
): StoredEvent[] {
  return events.map((event, index) => {
    const metadata: EventMetadata = {
      eventId: context.newEventId(),
      correlationId: context.correlationId,
      causationId: context.causationId,
      schemaVersion: currentSchemaVersion(event.type),
      occurredAt: context.occurredAt,
    };
    return { aggregateId, version: currentVersion + index + 1, type: event.type, data: event.data, metadata };
  });
}
