import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { DomainEvent, DomainEventBus, PutOutcome } from '../events/domain-event-bus';
import { SDK_TIMEOUTS } from './clients';

/** The DomainEventBus port on an EventBridge bus. `Time` is when the event happened, not when it was sent. */
export class EventBridgeBus implements DomainEventBus {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
  ) {}

  async put(events: readonly DomainEvent[]): Promise<PutOutcome> {
    const result = await this.client.send(
      new PutEventsCommand({
        Entries: events.map((event) => ({
          EventBusName: this.busName,
          Source: event.source,
          DetailType: event.detailType,
          Detail: JSON.stringify(event.detail),
          Time: new Date(event.detail.metadata.occurredAt),
        })),
      }),
    );
    const entries = result.Entries ?? [];
    // An entry without an EventId was not accepted, whether or not the bus said why.
    return events.map((_, index) => {
      const entry = entries[index];
      return entry?.EventId === undefined ? (entry?.ErrorCode ?? 'NoEventId') : undefined;
    });
  }
}

export function eventBridgeClient(): EventBridgeClient {
  return new EventBridgeClient({
    maxAttempts: SDK_TIMEOUTS.maxAttempts,
    requestHandler: {
      connectionTimeout: SDK_TIMEOUTS.connectionTimeoutMs,
      requestTimeout: SDK_TIMEOUTS.requestTimeoutMs,
    },
  });
}
