import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '../events/domain-event-bus';
import type { EventMetadata } from '../events/envelope';
import type { ServiceEvents } from '../events/event-versions';

/**
 * A transactional outbox: a service writes the events of a state change as items of its Outbox table in
 * the same DynamoDB transaction as the change itself, so the change and its events are stored together or
 * not at all (never a change whose event a crash lost, never an event of a change that did not happen). The
 * table's stream, relayed to the bus (`relay-outbox.ts`), publishes them; TTL clears them a day later.
 *
 * Table: partition key `eventId`, TTL attribute `expiresAt`, stream with new images.
 */
export interface OutboxItem {
  readonly eventId: string;
  readonly source: string;
  readonly detailType: string;
  readonly detail: DomainEvent['detail'];
  /** Epoch seconds: TTL removes the item once it has long been published. */
  readonly expiresAt: number;
}

/** What ties an event to its business transaction (the order's correlation id) and to what caused it. */
export interface Trace {
  readonly correlationId: string;
  /** The event id, or the request or execution, that directly caused this state change. */
  readonly causationId: string;
}

/** One item of a TransactWriteItems request (the document client's shape). */
export interface OutboxPut {
  readonly Put: {
    readonly TableName: string;
    readonly Item: OutboxItem;
    readonly ConditionExpression: string;
  };
}

const KEEP_FOR_SECONDS = 24 * 60 * 60;

export class Outbox {
  constructor(
    private readonly tableName: string,
    private readonly catalogue: ServiceEvents,
    private readonly clock: { now(): Date; newId(): string } = { now: () => new Date(), newId: randomUUID },
  ) {}

  /**
   * The transaction item that records `type` with `data`, in its current schema version. The data is
   * checked against that schema first: an event the contract does not allow is a bug of ours and is never
   * written, let alone published.
   */
  put(type: string, data: unknown, trace: Trace): OutboxPut {
    const versions = this.catalogue.events[type];
    if (versions === undefined) throw new Error(`${this.catalogue.source} publishes no ${type}.`);
    const schema = versions.schemas[versions.current];
    const checked = schema?.safeParse(data);
    if (!checked?.success) {
      throw new Error(`${type} v${versions.current} refused by its schema: ${checked?.error.message}`);
    }
    const now = this.clock.now();
    const metadata: EventMetadata = {
      eventId: this.clock.newId(),
      correlationId: trace.correlationId,
      causationId: trace.causationId,
      schemaVersion: versions.current,
      occurredAt: now.toISOString(),
    };
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          eventId: metadata.eventId,
          source: this.catalogue.source,
          detailType: type,
          detail: { metadata, data: checked.data },
          expiresAt: Math.floor(now.getTime() / 1000) + KEEP_FOR_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(eventId)',
      },
    };
  }
}
