import type { DomainEventBus } from '../../shared/events/domain-event-bus';
import type { Backoff } from '../../shared/resilience/backoff';
import { relayToBus } from '../../shared/streams/relay-to-bus';
import type { StreamHandler } from '../../shared/streams/stream-handler';
import { readEventStoreStream } from '../adapters/event-store-stream';
import { toDomainEvent } from '../use-cases/publish-order-events';

/**
 * The EventStore stream -> the event bus: the orders service's outbox relay, the EventStore being its
 * outbox (use-cases/publish-order-events.ts).
 */
export function publishOrderEventsHandler(deps: { bus: DomainEventBus; retry?: Backoff }): StreamHandler {
  return relayToBus(deps, (records) => {
    const { events, unreadable } = readEventStoreStream(records);
    return {
      events: events.map(({ record, event }) => ({ record, event: toDomainEvent(event) })),
      unreadable,
    };
  });
}
