import type { DomainEvent } from '../../shared/events/domain-event-bus';
import { ORDERS_EVENT_SOURCE } from '../contract';
import type { StoredEvent } from '../ports/event-store';

/**
 * The outbox, without an outbox table: the EventStore is the outbox and its stream the relay. A command's
 * only write is its append; this turns every appended event into a domain event on the bus, exactly as
 * stored (its own schema version in the metadata), with the order's id and version it brought the order to. Delivery is at least once: consumers key on `eventId`.
 */
export function toDomainEvent(stored: StoredEvent): DomainEvent {
  return {
    source: ORDERS_EVENT_SOURCE,
    detailType: stored.type,
    detail: {
      metadata: { ...stored.metadata, streamId: stored.aggregateId, streamVersion: stored.version },
      data: stored.data,
    },
  };
}
