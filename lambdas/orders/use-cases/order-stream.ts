import type { EventMetadata } from '../../shared/events/envelope';
import type { OrderEvent, OrderEventData } from '../domain/order';
import type { StoredEvent } from '../ports/event-store';
import { CURRENT_SCHEMA_VERSION, ORDER_EVENT_SCHEMAS } from '../schemas/order-events';

/** Maps between the domain's events and the event store's records, checking each against its schema. */
export class UnknownEventError extends Error {
  override readonly name: string = 'UnknownEventError';
}

export function toOrderEvent(stored: StoredEvent): OrderEvent {
  const schemas: Record<number, { parse(data: unknown): unknown } | undefined> | undefined =
    ORDER_EVENT_SCHEMAS[stored.type as keyof typeof ORDER_EVENT_SCHEMAS];
  const schema = schemas?.[stored.metadata.schemaVersion];
  if (schema === undefined) {
    throw new UnknownEventError(
      `No schema for ${stored.type} v${stored.metadata.schemaVersion} (${stored.aggregateId}@${stored.version}).`,
    );
  }
  return {
    type: stored.type,
    data: schema.parse(stored.data),
    version: stored.version,
    occurredAt: stored.metadata.occurredAt,
  } as OrderEvent;
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
      schemaVersion: CURRENT_SCHEMA_VERSION[event.type],
      occurredAt: context.occurredAt,
    };
    return { aggregateId, version: currentVersion + index + 1, type: event.type, data: event.data, metadata };
  });
}
